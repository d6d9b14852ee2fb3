using System.Net;
using System.Net.Sockets;

namespace Platform.LocalResources;

public static class PortAllocator
{
    /// <summary>A loopback TCP port that is free right now (the OS picks it; another process may still take it).</summary>
    public static int GetFreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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
