using System.Text;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Platform.LocalResources.Tests;

public sealed class RabbitMqServerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_private_node_starts_carries_messages_restarts_keeps_its_data_beside_a_node_of_another_folder_and_leaves_nothing_running()
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

        // The folder's second life starts beside a fresh node in another folder: one Erlang boot fewer than a
        // test of its own for "two folders side by side" (each boot costs ~10 s of CPU, ~25 s on a busy machine).
        var otherDirectory = Path.Combine(temp.Path, "other");
        await using var second = new RabbitMqServer(dataDirectory, port);
        await using var other = new RabbitMqServer(otherDirectory, PortAllocator.GetFreeTcpPort());
        await Task.WhenAll(second.StartAsync(CancellationToken.None), other.StartAsync(CancellationToken.None));
        Report("second start, same folder", second.LastStartDuration);
        Report("fresh node in another folder, in parallel", other.LastStartDuration);
        Assert.False(second.ReusedRunningNode);
        Assert.False(other.ReusedRunningNode);
        Assert.NotEqual(second.NodeName, other.NodeName);
        Assert.NotEqual(second.EpmdPort, other.EpmdPort);
        Assert.Equal("survives restart", await GetAsync(second.AmqpUri, "kept"));
        await PublishAsync(other.AmqpUri, "only-in-other", "other");
        Assert.Null(await GetAsync(second.AmqpUri, "only-in-other"));
        Assert.Equal("other", await GetAsync(other.AmqpUri, "only-in-other"));

        await using var third = new RabbitMqServer(dataDirectory, PortAllocator.GetFreeTcpPort());
        await third.StartAsync(CancellationToken.None);
        Report("reuse of the running node", third.LastStartDuration);
        Assert.True(third.ReusedRunningNode);
        Assert.Equal(port, third.AmqpPort);
        Assert.Equal(second.ProcessId, third.ProcessId);

        await third.StopAsync();
        await Task.WhenAll(second.StopAsync(), other.StopAsync());
        Assert.Empty(LiveProcesses.Mentioning(dataDirectory));
        Assert.Empty(LiveProcesses.Mentioning(otherDirectory));
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
