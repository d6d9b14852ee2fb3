using System.ComponentModel;
using System.Diagnostics;

namespace Platform.Modules.Files.Previews;

/// <summary>How to run one converter: an argument list (never a shell string) and the limits it runs under.</summary>
internal sealed record BoundedProcessStart
{
    public required string Tool { get; init; }

    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The process's current directory; also where relative paths in its arguments point.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The whole environment of the process: nothing of the server's own is inherited.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Wall-clock limit; past it the process and everything it forked are killed.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Address-space limit (<c>RLIMIT_AS</c>) of the process and of each child.</summary>
    public required long MemoryLimitBytes { get; init; }

    /// <summary>Largest file the process may write (<c>RLIMIT_FSIZE</c>).</summary>
    public required long FileSizeLimitBytes { get; init; }

    public string Setsid { get; init; } = "setsid";

    public string Prlimit { get; init; } = "prlimit";

    /// <summary>
    /// Runs the tool in a network namespace of its own (<c>unshare --map-root-user --net</c>): no interface but a
    /// loopback that is down, so a hostile document cannot make a converter fetch from the data centre's network.
    /// </summary>
    public bool IsolateNetwork { get; init; }

    public string Unshare { get; init; } = "unshare";

    /// <summary>Bytes kept of stdout and of stderr each (half from the start, half from the end).</summary>
    public int OutputCapBytes { get; init; } = 64 * 1024;
}

/// <param name="ExitCode">The exit status; 128 + n when signal n ended the process (the runtime's convention).</param>
/// <param name="TimedOut">The wall-clock limit was reached and the process tree was killed.</param>
internal sealed record BoundedProcessOutcome(int ExitCode, bool TimedOut, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;
}

/// <summary>The converter programs (or setsid/prlimit) are missing: a server set-up problem, not the file's fault.</summary>
internal sealed class ConverterUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs a converter as <c>setsid [unshare --map-root-user --net] prlimit --as --cpu --fsize --core=0 -- tool args…</c>:
/// in its own session (so a timeout kills every process it forked, by session id, even ones re-parented to init),
/// without network when asked, and under kernel resource limits that its children inherit. Each wrapper execs the
/// next in place, so the session id is still the started process's id. Output is captured but capped, so a tool
/// printing gigabytes costs 64 KiB.
/// </summary>
internal static class BoundedProcess
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    public static async Task<BoundedProcessOutcome> RunAsync(BoundedProcessStart start, CancellationToken ct)
    {
        using var process = new Process { StartInfo = StartInfo(start) };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new ConverterUnavailableException($"Cannot start '{start.Setsid}': {ex.Message}", ex);
        }

        // setsid execs in place (a freshly forked child is never a group leader), so the session id is our pid.
        var session = process.Id;
        process.StandardInput.Close();
        var stdout = new HeadTailBuffer(start.OutputCapBytes);
        var stderr = new HeadTailBuffer(start.OutputCapBytes);
        var draining = Task.WhenAll(
            stdout.DrainAsync(process.StandardOutput.BaseStream),
            stderr.DrainAsync(process.StandardError.BaseStream));

        var timedOut = false;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(start.Timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = !ct.IsCancellationRequested;
            }
        }

        // Also after a normal exit: a launcher may leave workers behind (soffice's oosplash and soffice.bin).
        await ProcessSessions.KillAsync(session);
        await WaitQuietlyAsync(process.WaitForExitAsync(CancellationToken.None), TimeSpan.FromSeconds(10));
        // Only an escapee from the session could still hold the pipes open; don't wait for it.
        await WaitQuietlyAsync(draining, DrainGrace);
        ct.ThrowIfCancellationRequested();
        return new BoundedProcessOutcome(
            process.HasExited ? process.ExitCode : -1, timedOut, stdout.ToString(), stderr.ToString(), stopwatch.Elapsed);
    }

    /// <summary>
    /// The processor-time limit: twice the wall-clock limit, so it is never the one that normally fires. It is the
    /// backstop for a converter orphaned when this process dies before its deadline can kill it.
    /// </summary>
    public static long CpuSecondsFor(TimeSpan timeout) => Math.Max(1, (long)Math.Ceiling(2 * timeout.TotalSeconds));

    private static ProcessStartInfo StartInfo(BoundedProcessStart start)
    {
        var info = new ProcessStartInfo(start.Setsid)
        {
            WorkingDirectory = start.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var cpuSeconds = CpuSecondsFor(start.Timeout);
        // A user namespace too, so that an unprivileged service user may create the network namespace.
        string[] isolation = start.IsolateNetwork ? [start.Unshare, "--map-root-user", "--net", "--"] : [];
        string[] prefix =
        [
            .. isolation,
            start.Prlimit,
            $"--as={start.MemoryLimitBytes}",
            // SIGXCPU at the soft limit, SIGKILL a little later for a tool that catches it.
            $"--cpu={cpuSeconds}:{cpuSeconds + 5}",
            $"--fsize={start.FileSizeLimitBytes}",
            "--core=0",
            "--",
            start.Tool,
        ];
        foreach (var argument in prefix.Concat(start.Arguments))
            info.ArgumentList.Add(argument);
        info.Environment.Clear();
        foreach (var (key, value) in start.Environment)
            info.Environment[key] = value;
        return info;
    }

    private static async Task WaitQuietlyAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
        }
    }
}
