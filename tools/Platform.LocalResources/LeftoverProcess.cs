using System.Diagnostics;
using System.Globalization;

namespace Platform.LocalResources;

/// <summary>
/// A pid file for a child process, so that a child left running by a parent that was killed hard (kill -9, a crash)
/// is found and stopped by the next run instead of holding its port forever.
/// </summary>
internal static class LeftoverProcess
{
    /// <summary>Kills the process named in <paramref name="pidFile"/> if it still runs <paramref name="commandMarker"/>.</summary>
    /// <returns>The pid that was killed, or null.</returns>
    public static int? KillIfRunning(string pidFile, string commandMarker)
    {
        if (!File.Exists(pidFile)
            || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        File.Delete(pidFile);
        var cmdline = $"/proc/{pid}/cmdline";
        if (!File.Exists(cmdline) || !File.ReadAllText(cmdline).Contains(commandMarker, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            return pid;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    public static void Write(string pidFile, int pid)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pidFile)!);
        File.WriteAllText(pidFile, pid.ToString(CultureInfo.InvariantCulture));
    }

    public static void Remove(string pidFile, int pid)
    {
        if (File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() == pid.ToString(CultureInfo.InvariantCulture))
        {
            File.Delete(pidFile);
        }
    }
}
