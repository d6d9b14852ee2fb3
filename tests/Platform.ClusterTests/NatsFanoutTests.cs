using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Realtime;
using Platform.LocalResources;
using Xunit.Abstractions;

namespace Platform.ClusterTests;

/// <summary>
/// Two web nodes that fan real-time events out over a real nats-server (their own PostgreSQL, RabbitMQ and NATS, so
/// the cluster fixture's keep running): a comment made on web-1 reaches an SSE stream on web-2; with nats-server
/// killed (kill -9) the events still arrive, by the dispatchers' poll of realtime.events; after a restart the nodes
/// reconnect by themselves and events go over NATS again. None lost, none duplicated, in order.
/// </summary>
[Collection(ClusterGroup.Name)]
#pragma warning disable CA1001 // disposed through IAsyncLifetime.DisposeAsync, as the fixtures are
public sealed class NatsFanoutTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Long enough that a push within it is not the poll's doing more often than by chance, short enough for a test.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);
    // Generous: the poll interval plus a busy 2-core machine.
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "platform-nats-" + Guid.NewGuid().ToString("N")[..8]);
    private PostgresServer _postgres = null!;
    private RabbitMqServer _rabbit = null!;
    private NatsServer _nats = null!;
    private HostNode _web1 = null!;
    private HostNode _web2 = null!;
#pragma warning restore CA1001

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _postgres = new PostgresServer(Path.Combine(_root, "pg"), PortAllocator.GetFreeTcpPort()) { Durable = false };
        _rabbit = new RabbitMqServer(Path.Combine(_root, "rabbit"), PortAllocator.GetFreeTcpPort());
        _nats = new NatsServer(Path.Combine(_root, "nats"), PortAllocator.GetFreeTcpPort(), PortAllocator.GetFreeTcpPort());
        await Task.WhenAll(_postgres.StartAsync(CancellationToken.None), _rabbit.StartAsync(CancellationToken.None), _nats.StartAsync(CancellationToken.None));
        await _postgres.EnsureDatabaseAsync("platform", CancellationToken.None);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Platform"] = _postgres.ConnectionString("platform"),
            ["ConnectionStrings__RabbitMq"] = _rabbit.AmqpUri,
            ["ConnectionStrings__Nats"] = _nats.Url,
            ["Platform__Setup__Token"] = "nats-test-token",
            ["Platform__Realtime__PollInterval"] = PollInterval.ToString(),
            ["Platform__Files__Local__Root"] = Path.Combine(_root, "files"),
        };
        await ProcessRunner.RunAsync("dotnet", [HostBinary.Path, "migrate"], new ProcessRunOptions
        {
            Environment = environment, Timeout = TimeSpan.FromMinutes(2),
        });
        _web1 = new HostNode("nats-web-1", "web", PortAllocator.GetFreeTcpPort(), environment);
        _web2 = new HostNode("nats-web-2", "web", PortAllocator.GetFreeTcpPort(), environment);
        await Task.WhenAll(_web1.StartAsync(), _web2.StartAsync());
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { _web1, _web2 }.Where(n => n is not null))
            await node.DisposeAsync();
        await _nats.DisposeAsync();
        await _rabbit.DisposeAsync();
        await _postgres.DisposeAsync();
        HostNode.DeleteTempFolder(_root);
    }

    [Fact]
    public async Task Comments_made_on_web_1_reach_a_stream_on_web_2_over_NATS_and_by_the_poll_while_nats_server_is_killed_none_lost_none_twice()
    {
        var people = await ClusterFixture.SetUpOrganizationAsync(_web1, "nats-test-token");
        using var annOnWeb1 = ClusterFixture.ClientFor(_web1, people.AnnToken);
        var created = await annOnWeb1.PostAsJsonAsync("/api/v1/tasks", new { title = "Fan-out", assigneeId = people.BobId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForSubscribersAsync(2);

        using var bobOnWeb2 = ClusterFixture.ClientFor(_web2, people.BobToken);
        await using var stream = await SseClient.OpenAsync(bobOnWeb2);
        var received = new List<(long Id, Guid CommentId)>();

        var before = await CommentAndReceiveAsync("NATS up", 3, annOnWeb1, taskId, stream, received);
        var published = (await _nats.MonitorAsync("varz", CancellationToken.None)).GetProperty("in_msgs").GetInt64();
        Assert.True(published >= 3, $"nats-server saw {published} published messages for 3 comments");

        await _nats.KillAsync();
        // Not ready would take both nodes out of a gateway's rotation while they still deliver everything (by the poll).
        foreach (var node in new[] { _web1, _web2 })
        {
            using var probe = ClusterFixture.ClientFor(node);
            var ready = await probe.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        var during = await CommentAndReceiveAsync("NATS killed", 3, annOnWeb1, taskId, stream, received);

        await _nats.StartAsync(CancellationToken.None);
        await WaitForSubscribersAsync(2); // both nodes reconnect and resubscribe by themselves
        var after = await CommentAndReceiveAsync("NATS restarted", 3, annOnWeb1, taskId, stream, received);
        var republished = (await _nats.MonitorAsync("varz", CancellationToken.None)).GetProperty("in_msgs").GetInt64();
        Assert.True(republished >= 3, $"the restarted nats-server saw {republished} published messages for 3 comments");

        var expected = before.Concat(during).Concat(after).ToList();
        Assert.Equal(expected, received.Select(r => r.CommentId).ToList()); // each once, in the order made
        Assert.Equal(received.Select(r => r.Id).Order().Distinct().ToList(), received.Select(r => r.Id).ToList());

        // Nothing more is on its way: a duplicate would come within a poll interval.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.NextOfTypeAsync("task.commented", PollInterval + TimeSpan.FromSeconds(2)));
    }

    /// <summary>Makes <paramref name="count"/> comments on web-1 and reads each from the stream (event order = id order).</summary>
    private async Task<List<Guid>> CommentAndReceiveAsync(string phase, int count, HttpClient author, Guid taskId, SseClient stream, List<(long Id, Guid CommentId)> received)
    {
        var made = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var response = await author.PostAsJsonAsync($"/api/v1/tasks/{taskId}/comments", new { text = $"{phase} {i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var commentId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            made.Add(commentId);
            var next = await stream.NextOfTypeAsync("task.commented", Arrival);
            received.Add((next.Id ?? throw new InvalidOperationException("an event without an id"),
                JsonDocument.Parse(next.Data).RootElement.GetProperty("commentId").GetGuid()));
            output.WriteLine($"{phase}: comment {i} on web-2's stream after {clock.ElapsedMilliseconds} ms");
        }
        return made;
    }

    /// <summary>Waits until this many clients hold a subscription on the server (the nodes' dispatchers).</summary>
    private async Task WaitForSubscribersAsync(int clients)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var seen = 0;
        while (DateTime.UtcNow < deadline)
        {
            var connz = await _nats.MonitorAsync("connz?subs=1", CancellationToken.None);
            seen = connz.GetProperty("connections").EnumerateArray()
                .Count(c => c.TryGetProperty("subscriptions_list", out var subs) && subs.GetArrayLength() > 0);
            if (seen >= clients)
                return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Only {seen} of {clients} nodes subscribed on nats-server within 60 s.");
    }
}
