using System.Globalization;

namespace Platform.AppHostTests;

/// <summary>One running process as /proc shows it; <see cref="StartTicks"/> tells a reused pid from the original.</summary>
public sealed record ProcessEntry(int Pid, int ParentPid, long StartTicks, string Name, string CommandLine)
{
    public override string ToString() => $"{Pid} {Name}: {CommandLine}";
}

/// <summary>
/// Reads /proc (as <c>pgrep -f</c> does) to find what an AppHost started: the AppHost's descendants, DCP's (Aspire's
/// orchestrator, in its own session) and, should anything have escaped both, whatever names the run's data folder in
/// its command line (<c>-D</c>) or environment (HOME, the nodes' file store root).
/// </summary>
public static class ProcessTable
{
    /// <summary>Every live (not zombie) process.</summary>
    public static IReadOnlyList<ProcessEntry> Snapshot()
    {
        var entries = new List<ProcessEntry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>
    /// The processes that belong to a run: descendants of <paramref name="rootPid"/> and of the DCP it started, processes
    /// whose command line or environment mentions <paramref name="marker"/> (the data folder), and their descendants
    /// (postgres backends). DCP runs in its own session (re-parented to init), so it is found by its
    /// <c>--monitor &lt;AppHost pid&gt;</c> argument; every resource (nats-server, epmd, the dashboard, the nodes) is its
    /// descendant, including those whose command line names nothing of the run.
    /// </summary>
    public static IReadOnlyList<ProcessEntry> BelongingTo(int? rootPid, string marker)
    {
        var all = Snapshot();
        var monitorsRoot = rootPid is { } pid ? $" --monitor {pid.ToString(CultureInfo.InvariantCulture)} " : null;
        var found = all.Where(p => p.Pid == rootPid || Mentions(p.Pid, marker)
                                   || (monitorsRoot is not null && (p.CommandLine + " ").Contains(monitorsRoot, StringComparison.Ordinal)))
            .Select(p => p.Pid).ToHashSet();
        bool added;
        do
        {
            added = false;
            foreach (var process in all.Where(p => !found.Contains(p.Pid) && found.Contains(p.ParentPid)))
            {
                added |= found.Add(process.Pid);
            }
        }
        while (added);

        return [.. all.Where(p => found.Contains(p.Pid) && p.Pid != Environment.ProcessId)];
    }

    /// <summary>Those of <paramref name="processes"/> still running (same pid and start time, not a zombie).</summary>
    public static IReadOnlyList<ProcessEntry> StillRunning(IEnumerable<ProcessEntry> processes) =>
        [.. processes.Where(p => Read(p.Pid) is { } now && now.StartTicks == p.StartTicks)];

    private static bool Mentions(int pid, string marker) =>
        (ReadFile(pid, "cmdline")?.Contains(marker, StringComparison.Ordinal) ?? false)
        || (ReadFile(pid, "environ")?.Contains(marker, StringComparison.Ordinal) ?? false);

    private static ProcessEntry? Read(int pid)
    {
        // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so parse after the last ')'.
        var stat = ReadFile(pid, "stat");
        var close = stat?.LastIndexOf(')') ?? -1;
        if (stat is null || close < 0)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0] == "Z")
        {
            return null;
        }

        var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
        var commandLine = (ReadFile(pid, "cmdline") ?? string.Empty).Replace('\0', ' ').Trim();
        return new ProcessEntry(pid, int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[19], CultureInfo.InvariantCulture), name, commandLine);
    }

    private static string? ReadFile(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
