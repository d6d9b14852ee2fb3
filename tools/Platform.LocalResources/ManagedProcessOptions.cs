using System.Diagnostics;

namespace Platform.LocalResources;

/// <summary>What a <see cref="ManagedProcess"/> runs and where its output goes.</summary>
public sealed record ManagedProcessOptions
{
    private const string SetSid = "/usr/bin/setsid";

    public required string FileName { get; init; }
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Called for every output line; <c>isError</c> is true for stderr lines.</summary>
    public Action<string, bool>? OnOutputLine { get; init; }

    /// <summary>
    /// Starts the child in its own session (via setsid) so that a terminal's Ctrl+C reaches only the parent,
    /// which then stops its children in order. Ignored where setsid is missing.
    /// </summary>
    public bool OwnSession { get; init; } = true;

    /// <summary>
    /// Optional pid file. On start, a process still named in it (left by a parent killed hard) is killed first,
    /// provided its command line still contains <see cref="CommandMarker"/>; removed on exit.
    /// </summary>
    public string? PidFile { get; init; }

    /// <summary>
    /// What identifies our process in a leftover pid's command line: by default the first argument (e.g. the
    /// assembly). Set it when the program is reached through launchers that exec into it (a user switch, a shell):
    /// their arguments are gone from the command line once the program runs.
    /// </summary>
    public string CommandMarker { get => field ?? (Arguments.Count > 0 ? Arguments[0] : FileName); init; }

    /// <summary>How many recent output lines to keep for error messages.</summary>
    public int RecentLineCount { get; init; } = 40;

    internal ProcessStartInfo ToStartInfo()
    {
        var useSetSid = OwnSession && File.Exists(SetSid);
        var startInfo = new ProcessStartInfo(useSetSid ? SetSid : FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory ?? string.Empty,
        };
        if (useSetSid)
        {
            // Not a process-group leader, so setsid execs in place: the pid stays the child's own.
            startInfo.ArgumentList.Add(FileName);
        }

        foreach (var argument in Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Environment)
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }
}
