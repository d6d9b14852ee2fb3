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
    private static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>The pids among <paramref name="pids"/> with an established connection to 127.0.0.1:<paramref name="port"/>.</summary>
    public static IReadOnlySet<int> ConnectedTo(int port, IEnumerable<int> pids)
    {
        var inodes = SocketInodesConnectedTo(port);
        return pids.Where(pid => SocketInodesOf(pid).Overlaps(inodes)).ToHashSet();
    }

    /// <summary>
    /// /proc/net/tcp and tcp6: "sl local_address rem_address st ... inode", addresses in hex as the kernel stores them:
    /// "0100007F:1F90" for 127.0.0.1:8080, and "0000000000000000FFFF00000100007F:1F90" for the same address reached
    /// through a dual-mode IPv6 socket (.NET's default: NATS.Net's connection shows there, RabbitMQ.Client's in tcp).
    /// </summary>
    private static HashSet<string> SocketInodesConnectedTo(int port)
    {
        string[] remotes =
        [
            string.Create(CultureInfo.InvariantCulture, $"0100007F:{port:X4}"),
            string.Create(CultureInfo.InvariantCulture, $"0000000000000000FFFF00000100007F:{port:X4}"),
        ];
        return TcpTables.SelectMany(file => File.ReadLines(file).Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && remotes.Contains(f[2]) && f[3] == Established)
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
