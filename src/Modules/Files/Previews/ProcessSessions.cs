using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Platform.Modules.Files.Previews;

/// <summary>
/// Kills every live process of a session by scanning /proc. Walking parent links would miss children whose parent
/// already died (they are re-parented to init); the session id survives that, and only a process that calls setsid
/// itself can leave it.
/// </summary>
internal static class ProcessSessions
{
    private const int Rounds = 50;

    public static async Task KillAsync(int session)
    {
        // Repeat: a process may fork between the scan and the kill.
        for (var round = 0; round < Rounds; round++)
        {
            var members = Members(session);
            if (members.Count == 0)
                return;
            foreach (var pid in members)
                Kill(pid);
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Live (not zombie) processes whose session id is <paramref name="session"/>.</summary>
    public static List<int> Members(int session)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            if (ReadSession(pid) is { } stat && stat.Session == session && stat.State != 'Z' && stat.State != 'X')
                members.Add(pid);
        }

        return members;
    }

    private static (char State, int Session)? ReadSession(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp session …": comm may hold spaces and parentheses, so split after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 3 && int.TryParse(fields[3], CultureInfo.InvariantCulture, out var session)
            ? (fields[0][0], session)
            : null;
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Win32Exception)
        {
            // Gone already, or not ours to kill.
        }
    }
}
