namespace Platform.LocalResources.Tests;

/// <summary>What runs on the machine, read from /proc: the tests' own check that a resource left nothing behind.</summary>
internal static class LiveProcesses
{
    /// <summary>
    /// Live processes whose command line, environment or working directory names the folder (server processes, their
    /// helpers, CLI nodes, PostgreSQL backends, which rename themselves but keep working in their data folder).
    /// </summary>
    public static List<string> Mentioning(string folder) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Where(dir => int.TryParse(Path.GetFileName(dir), out _))
            .Where(dir => Read(Path.Combine(dir, "cmdline")).Contains(folder, StringComparison.Ordinal)
                          || Read(Path.Combine(dir, "environ")).Contains(folder, StringComparison.Ordinal)
                          || WorkingDirectory(dir).StartsWith(folder, StringComparison.Ordinal))
            .Where(dir => !Read(Path.Combine(dir, "stat")).Contains(") Z", StringComparison.Ordinal))
            .Select(dir => $"{Path.GetFileName(dir)}: {Read(Path.Combine(dir, "cmdline")).Replace('\0', ' ')}")];

    /// <summary>Alive and not a zombie (a detached or reparented process's parent, often init, may reap it late).</summary>
    public static bool IsRunning(int pid) =>
        Directory.Exists($"/proc/{pid}") && !Read($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal);

    private static string WorkingDirectory(string procDir)
    {
        try
        {
            return new FileInfo(Path.Combine(procDir, "cwd")).LinkTarget ?? string.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
