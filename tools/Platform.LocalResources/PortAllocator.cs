using System.Net;
using System.Net.Sockets;

namespace Platform.LocalResources;

public static class PortAllocator
{
    // Below Linux's default ephemeral range (32768–60999): the kernel hands ports from that range to every outgoing
    // connection, so under load (parallel test assemblies opening thousands of connections) a port picked there can be
    // taken by some client socket between "free now" and the server's bind. Ports in this window are only ever taken
    // by a listener that asked for them.
    private const int RangeStart = 20000;
    private const int RangeEnd = 32767;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// A loopback TCP port that is free right now, outside the ephemeral range, and not handed out before by this
    /// process (so two resources started in parallel never get the same one). Another process may still take it.
    /// </summary>
    public static int GetFreeTcpPort()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(RangeStart, RangeEnd + 1);
                if (!HandedOut.Contains(port) && !IsInUse(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }

            // The window is crowded: fall back to a port the OS picks (ephemeral, but free at this instant).
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var fallback = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            HandedOut.Add(fallback);
            return fallback;
        }
    }

    /// <summary>
    /// <paramref name="count"/> consecutive loopback ports starting at the returned one, each free right now, inside the
    /// same window and never handed out before by this process; all of them count as handed out afterwards. For a
    /// program that derives ports from one base (the AppHost's cluster: <c>--port P</c> puts its nodes on P+1..P+4).
    /// </summary>
    public static int GetFreeTcpPortRange(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100);
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var first = Random.Shared.Next(RangeStart, RangeEnd - count + 2);
                var ports = Enumerable.Range(first, count).ToList();
                if (ports.All(port => !HandedOut.Contains(port) && !IsInUse(port)))
                {
                    HandedOut.UnionWith(ports);
                    return first;
                }
            }

            // No fallback to the OS here: it hands out single ports, never a run of them.
            throw new InvalidOperationException($"Found no {count} consecutive free ports between {RangeStart} and {RangeEnd}.");
        }
    }

    /// <summary>True when something already accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsInUse(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
