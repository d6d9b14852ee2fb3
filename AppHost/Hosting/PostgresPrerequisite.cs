using Platform.LocalResources;

namespace Platform.AppHost.Hosting;

/// <summary>Installs Debian's postgresql-15 when it is missing and we are root; otherwise says how.</summary>
internal static class PostgresPrerequisite
{
    private const string PolicyFile = "/usr/sbin/policy-rc.d";

    public static async Task<bool> EnsureInstalledAsync()
    {
        if (PostgresBinaries.TryLocate() is not null)
        {
            return true;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            await Console.Error.WriteLineAsync(
                $"PostgreSQL 15 is not installed. As root, run:{Environment.NewLine}  {PostgresBinaries.InstallCommand}" +
                $"{Environment.NewLine}(or: sudo bash scripts/prereqs.sh)");
            return false;
        }

        Console.WriteLine("PostgreSQL 15 is missing: installing it with apt (once per machine)...");
        if (OperatingSystem.IsLinux() && !File.Exists(PolicyFile))
        {
            // Stops apt from starting Debian's own cluster: the AppHost runs a private server instead.
            await File.WriteAllTextAsync(PolicyFile, "#!/bin/sh\nexit 101\n");
            File.SetUnixFileMode(PolicyFile, (UnixFileMode)0b111_101_101);
        }

        var options = new ProcessRunOptions
        {
            Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
            Timeout = TimeSpan.FromMinutes(15),
            OnOutputLine = line => Console.WriteLine($"apt       | {line}"),
        };
        await ProcessRunner.RunAsync("apt-get", ["update"], options);
        await ProcessRunner.RunAsync("apt-get", ["install", "-y", "postgresql-15"], options);
        return PostgresBinaries.TryLocate() is not null;
    }
}
