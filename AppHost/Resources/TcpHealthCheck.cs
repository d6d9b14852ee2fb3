using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Resources;

/// <summary>Healthy when a TCP connection to 127.0.0.1:port opens (servers that log nothing for a bare connect).</summary>
internal static class TcpHealthCheck
{
    public static async Task<HealthCheckResult> ProbeAsync(int port, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"127.0.0.1:{port} refuses connections");
        }
    }
}
