using System.Text;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Platform.LocalResources.Tests;

public sealed class RabbitMqServerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_private_node_starts_carries_messages_restarts_and_leaves_nothing_running()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "rabbitmq");
        var port = PortAllocator.GetFreeTcpPort();
        int beam;
        await using (var server = new RabbitMqServer(dataDirectory, port))
        {
            await server.StartAsync(CancellationToken.None);
            Report("fresh start", server.LastStartDuration);
            beam = server.ProcessId ?? throw new InvalidOperationException("no beam process after start");
            Assert.False(server.ReusedRunningNode);
            Assert.Equal($"amqp://guest:guest@127.0.0.1:{port}/", server.AmqpUri);
            Assert.True(await server.IsAcceptingAsync(CancellationToken.None));

            await PublishAsync(server.AmqpUri, "kept", "before restart");
            Assert.Equal("before restart", await GetAsync(server.AmqpUri, "kept"));
            await PublishAsync(server.AmqpUri, "kept", "survives restart");

            await server.RestartAsync(CancellationToken.None);
            Report("restart: stop", server.LastStopDuration);
            Report("restart: start", server.LastStartDuration);
            Assert.NotEqual(beam, server.ProcessId);
            Assert.Equal(port, server.AmqpPort);
            beam = server.ProcessId!.Value;

            await server.StopAsync();
            Report("stop", server.LastStopDuration);
            Assert.Null(server.ProcessId);
        }

        Assert.False(LiveProcesses.IsRunning(beam));
        Assert.Empty(LiveProcesses.Mentioning(dataDirectory));
        Assert.False(PortAllocator.IsInUse(port));

        await using var second = new RabbitMqServer(dataDirectory, port);
        await second.StartAsync(CancellationToken.None);
        Report("second start, same folder", second.LastStartDuration);
        Assert.False(second.ReusedRunningNode);
        Assert.Equal("survives restart", await GetAsync(second.AmqpUri, "kept"));

        await using var third = new RabbitMqServer(dataDirectory, PortAllocator.GetFreeTcpPort());
        await third.StartAsync(CancellationToken.None);
        Report("reuse of the running node", third.LastStartDuration);
        Assert.True(third.ReusedRunningNode);
        Assert.Equal(port, third.AmqpPort);
        Assert.Equal(second.ProcessId, third.ProcessId);

        await third.StopAsync();
        await second.StopAsync();
        Assert.Empty(LiveProcesses.Mentioning(dataDirectory));
    }

    [Fact]
    public async Task Two_nodes_in_two_folders_run_side_by_side()
    {
        using var temp = new TempDirectory();
        await using var a = new RabbitMqServer(Path.Combine(temp.Path, "a"), PortAllocator.GetFreeTcpPort());
        await using var b = new RabbitMqServer(Path.Combine(temp.Path, "b"), PortAllocator.GetFreeTcpPort());

        await Task.WhenAll(a.StartAsync(CancellationToken.None), b.StartAsync(CancellationToken.None));
        Report("two fresh nodes in parallel: a", a.LastStartDuration);
        Report("two fresh nodes in parallel: b", b.LastStartDuration);
        await PublishAsync(a.AmqpUri, "only-in-a", "a");

        Assert.NotEqual(a.NodeName, b.NodeName);
        Assert.NotEqual(a.EpmdPort, b.EpmdPort);
        Assert.Equal("a", await GetAsync(a.AmqpUri, "only-in-a"));
        Assert.Null(await GetAsync(b.AmqpUri, "only-in-a"));

        await Task.WhenAll(a.StopAsync(), b.StopAsync());
        Assert.Empty(LiveProcesses.Mentioning(temp.Path));
    }

    private void Report(string what, TimeSpan? duration) => output.WriteLine($"{what}: {duration?.TotalSeconds:0.00} s");

    private static async Task PublishAsync(string uri, string queue, string text)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.BasicPublishAsync(string.Empty, queue, mandatory: true,
            new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The next message of the queue, or null when the queue is empty (declared if missing).</summary>
    private static async Task<string?> GetAsync(string uri, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        var result = await channel.BasicGetAsync(queue, autoAck: true);
        return result is null ? null : Encoding.UTF8.GetString(result.Body.Span);
    }
}
