using System.Globalization;

namespace Platform.LocalResources;

/// <summary>The postmaster.pid a running server keeps in its data folder (pid, data dir, start time, port, …).</summary>
internal sealed record PostmasterPidFile(int Pid, int Port)
{
    /// <summary>True when the pid names a live postgres process (a stale file after a crash names none).</summary>
    public bool IsAlive
    {
        get
        {
            var comm = $"/proc/{Pid}/comm";
            if (File.Exists(comm))
            {
                return File.ReadAllText(comm).Trim() is "postgres" or "postmaster";
            }

            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(Pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }

    public static PostmasterPidFile? TryRead(string dataDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return lines.Length >= 4
               && int.TryParse(lines[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
               && int.TryParse(lines[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port)
            ? new PostmasterPidFile(pid, port)
            : null;
    }
}
