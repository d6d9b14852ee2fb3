using System.Net.Sockets;

namespace Platform.LocalResources.Tests;

public sealed class NatsServerTests
{
    [Fact]
    public async Task A_private_server_answers_survives_kill_9_by_a_restart_on_the_same_ports_and_leaves_nothing_running()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "nats");
        var port = PortAllocator.GetFreeTcpPort();
        var monitorPort = PortAllocator.GetFreeTcpPort();
        int firstPid, secondPid;
        await using (var server = new NatsServer(dataDirectory, port, monitorPort))
        {
            await server.StartAsync(CancellationToken.None);
            firstPid = server.ProcessId ?? throw new InvalidOperationException("no process after start");
            Assert.Equal($"nats://127.0.0.1:{port}", server.Url);
            Assert.StartsWith("INFO ", await ReadGreetingAsync(port));
            var varz = await server.MonitorAsync("varz", CancellationToken.None);
            Assert.Equal(port, varz.GetProperty("port").GetInt32());

            await server.KillAsync();
            Assert.False(LiveProcesses.IsRunning(firstPid));
            Assert.Null(server.ProcessId);
            Assert.False(PortAllocator.IsInUse(port));

            await server.StartAsync(CancellationToken.None);
            secondPid = server.ProcessId ?? throw new InvalidOperationException("no process after restart");
            Assert.NotEqual(firstPid, secondPid);
            Assert.StartsWith("INFO ", await ReadGreetingAsync(port));
        }

        Assert.False(LiveProcesses.IsRunning(secondPid));
        Assert.False(PortAllocator.IsInUse(port));
        Assert.False(PortAllocator.IsInUse(monitorPort));
        Assert.Empty(LiveProcesses.Mentioning(dataDirectory));
        Assert.False(File.Exists(dataDirectory + ".pid"));
    }

    /// <summary>A NATS server greets every client with an INFO line before anything is sent.</summary>
    private static async Task<string> ReadGreetingAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
        using var reader = new StreamReader(client.GetStream());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadLineAsync(timeout.Token) ?? string.Empty;
    }
}
