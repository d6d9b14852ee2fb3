namespace Platform.LocalResources;

/// <summary>Where Debian's PostgreSQL server binaries live (package postgresql-15).</summary>
public static class PostgresBinaries
{
    public const string PreferredDirectory = "/usr/lib/postgresql/15/bin";
    private const string Root = "/usr/lib/postgresql";

    /// <summary>What to run, as root, on a fresh Debian 12 machine.</summary>
    public const string InstallCommand =
        "printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && " +
        "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15";

    /// <summary>The bin folder holding initdb/pg_ctl/postgres, or null when PostgreSQL is not installed.</summary>
    public static string? TryLocate()
    {
        if (IsComplete(PreferredDirectory))
        {
            return PreferredDirectory;
        }

        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(Root)
            .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: ParseVersion(Path.GetFileName(dir))))
            .Where(c => c.Version > 0 && IsComplete(c.Dir))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Dir)
            .FirstOrDefault();
    }

    /// <summary>The bin folder, or a <see cref="PrerequisiteMissingException"/> naming the apt command.</summary>
    public static string Locate() =>
        TryLocate() ?? throw new PrerequisiteMissingException(
            $"PostgreSQL server binaries were not found in {PreferredDirectory} (nor any {Root}/*/bin).",
            InstallCommand);

    private static bool IsComplete(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) &&
        File.Exists(Path.Combine(dir, "postgres"));

    private static int ParseVersion(string name) =>
        int.TryParse(name.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
}
