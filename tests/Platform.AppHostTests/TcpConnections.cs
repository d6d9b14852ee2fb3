using System.Globalization;

namespace Platform.AppHostTests;

/// <summary>
/// Which processes hold an established TCP connection to a loopback port, read from /proc (as <c>ss -tp</c> does): how
/// the tests see that a node really talks to RabbitMQ or NATS rather than having fallen back to its in-process bus or
/// fan-out, which its health endpoint alone would not tell apart.
/// </summary>
public static class TcpConnections
{
    private const string Established = "01";

    /// <summary>The pids among <paramref name="pids"/> with an established connection to 127.0.0.1:<paramref name="port"/>.</summary>
    public static IReadOnlySet<int> ConnectedTo(int port, IEnumerable<int> pids)
    {
        var inodes = SocketInodesConnectedTo(port);
        return pids.Where(pid => SocketInodesOf(pid).Overlaps(inodes)).ToHashSet();
    }

    /// <summary>/proc/net/tcp: "sl local_address rem_address st ... inode", addresses as little-endian hex "0100007F:1F90".</summary>
    private static HashSet<string> SocketInodesConnectedTo(int port)
    {
        var remote = string.Create(CultureInfo.InvariantCulture, $"0100007F:{port:X4}");
        return File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && f[2] == remote && f[3] == Established)
            .Select(f => f[9])
            .ToHashSet();
    }

    private static HashSet<string> SocketInodesOf(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
                .Select(fd => new FileInfo(fd).LinkTarget)
                .Where(target => target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                .Select(target => target!["socket:[".Length..^1])
                .ToHashSet();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return []; // Gone meanwhile.
        }
    }
}
