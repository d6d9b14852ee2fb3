using System.Diagnostics;
using System.Globalization;

namespace Platform.LocalResources;

/// <summary>
/// Finding and ending processes through /proc, for servers whose processes are not our children (a detached
/// RabbitMQ node, a postmaster that Patroni leaves to init).
/// </summary>
internal static class LinuxProcesses
{
    public static IEnumerable<int> Find(Func<int, bool> predicate)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && predicate(pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>Exists and is not a zombie (a killed process whose parent, often init, has not reaped it yet).</summary>
    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") && !IsZombie(pid);

    public static bool IsZombie(int pid) => Read(pid, "stat") is { } stat
        && stat.LastIndexOf(')') is var close and > 0 && close + 2 < stat.Length && stat[close + 2] == 'Z';

    /// <summary>The process's working directory, or null when it is gone or not ours to inspect.</summary>
    public static string? WorkingDirectory(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string? Read(int pid, string file)
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

    /// <summary>SIGTERM, then a hard kill once <paramref name="grace"/> has passed.</summary>
    public static async Task SignalAndWaitAsync(int pid, TimeSpan grace)
    {
        await ProcessRunner.RunAsync("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)],
            new ProcessRunOptions { ThrowOnError = false, Timeout = TimeSpan.FromSeconds(5) });
        var stopwatch = Stopwatch.StartNew();
        while (IsRunning(pid))
        {
            if (stopwatch.Elapsed > grace)
            {
                Kill(pid);
                return;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL to every one of <paramref name="pids"/> at once, then waits until none of them runs.</summary>
    public static async Task KillAndWaitAsync(IReadOnlyCollection<int> pids, TimeSpan timeout)
    {
        foreach (var pid in pids)
        {
            Kill(pid);
        }

        var stopwatch = Stopwatch.StartNew();
        while (pids.Any(IsRunning))
        {
            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Processes {string.Join(", ", pids.Where(IsRunning))} still run {timeout.TotalSeconds:0} s after SIGKILL.");
            }

            await Task.Delay(20);
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Gone meanwhile.
        }
    }
}
