using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Gateway;
using Platform.IntegrationTests.Infrastructure;
using Platform.LocalResources;

namespace Platform.IntegrationTests.Hosting;

/// <summary>
/// The gateway role in-process, routing to small HTTP servers registered in its node registry as web nodes. These
/// stand in for nodes so that a node can be made to fail on demand and its load set exactly; the cluster tests run
/// the same gateway in front of real nodes.
/// </summary>
public sealed class GatewayTests(GatewayTests.GatewayApp gateway) : IClassFixture<GatewayTests.GatewayApp>, IAsyncLifetime
{
    public sealed class GatewayApp : PlatformApp
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["Platform:Roles"] = "gateway",
            // The tests refresh the routes themselves (RefreshAsync), so the timer never races them.
            ["Platform:Gateway:RefreshInterval"] = "01:00:00",
            ["Platform:Gateway:NodeDownAfter"] = "00:00:30",
            // No active probes during a test: which node is tried first must depend on load alone (passive
            // failures and the retry are what is under test).
            ["Platform:Gateway:HealthCheckInterval"] = "01:00:00",
            ["Platform:Gateway:MaxReplayableBodyBytes"] = "65536",
        };

        public Task RefreshRoutesAsync() => Services.GetRequiredService<RegistryProxyConfigProvider>().RefreshAsync(CancellationToken.None);
    }

    private readonly List<FakeNode> _nodes = [];

    public async Task InitializeAsync() => await ExecuteAsync("DELETE FROM platform.nodes WHERE NOT ('gateway' = ANY(roles))");

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
    }

    private async Task<FakeNode> StartNodeAsync(string id, double cpu, bool broken = false)
    {
        var node = await FakeNode.StartAsync(id);
        node.Broken = broken;
        _nodes.Add(node);
        await ExecuteAsync(
            """
            INSERT INTO platform.nodes (id, roles, address, version, started_at, last_heartbeat_at, cpu_percent, in_flight_requests, open_streams, memory_bytes)
            VALUES (@id, '{web}', @address, '0.1.0', now(), now(), @cpu, 0, 0, 1)
            """,
            ("id", id), ("address", node.Address), ("cpu", cpu));
        return node;
    }

    /// <summary>A registered node whose port nobody listens on: connections are refused, as for a node just stopped.</summary>
    private Task RegisterUnreachableNodeAsync(string id, double cpu) =>
        ExecuteAsync(
            """
            INSERT INTO platform.nodes (id, roles, address, version, started_at, last_heartbeat_at, cpu_percent, in_flight_requests, open_streams, memory_bytes)
            VALUES (@id, '{web}', @address, '0.1.0', now(), now(), @cpu, 0, 0, 1)
            """,
            ("id", id), ("address", $"http://127.0.0.1:{PortAllocator.GetFreeTcpPort()}"), ("cpu", cpu));

    private Task ReportCpuAsync(string id, double cpu) =>
        ExecuteAsync("UPDATE platform.nodes SET cpu_percent = @cpu, last_heartbeat_at = now() WHERE id = @id", ("id", id), ("cpu", cpu));

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(gateway.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ServedByAsync(HttpResponseMessage response)
    {
        await Http.EnsureStatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("node").GetString()!;
    }

    [Fact]
    public async Task Requests_go_to_the_node_reporting_the_least_load_and_follow_its_reports()
    {
        await StartNodeAsync("busy", cpu: 70);
        var idle = await StartNodeAsync("idle", cpu: 5);
        await gateway.RefreshRoutesAsync();
        using var client = gateway.CreateClient();

        for (var i = 0; i < 10; i++)
            Assert.Equal("idle", await ServedByAsync(await client.GetAsync("/api/v1/tasks")));
        Assert.Equal(10, idle.Requests);

        // The next heartbeats report the opposite: traffic moves without any restart.
        await ReportCpuAsync("busy", 5);
        await ReportCpuAsync("idle", 70);
        await gateway.RefreshRoutesAsync();
        for (var i = 0; i < 5; i++)
            Assert.Equal("busy", await ServedByAsync(await client.GetAsync("/api/v1/tasks")));
    }

    [Fact]
    public async Task A_GET_that_fails_on_one_node_is_answered_by_another()
    {
        var broken = await StartNodeAsync("broken", cpu: 0, broken: true);
        var healthy = await StartNodeAsync("healthy", cpu: 50);
        await gateway.RefreshRoutesAsync();
        using var client = gateway.CreateClient();

        Assert.Equal("healthy", await ServedByAsync(await client.GetAsync("/api/v1/tasks")));
        Assert.Equal(1, broken.Requests);
        Assert.Equal(1, healthy.Requests);
    }

    [Fact]
    public async Task A_POST_without_an_idempotency_key_is_not_retried_and_the_client_is_told_why()
    {
        var broken = await StartNodeAsync("broken", cpu: 0, broken: true);
        var healthy = await StartNodeAsync("healthy", cpu: 50);
        await gateway.RefreshRoutesAsync();
        using var client = gateway.CreateClient();

        var problem = await Http.ProblemAsync(await client.PostAsJsonAsync("/api/v1/tasks", new { title = "once" }), HttpStatusCode.BadGateway);
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, broken.Requests);
        Assert.Equal(0, healthy.Requests);
    }

    [Fact]
    public async Task A_POST_with_an_idempotency_key_is_sent_again_to_another_node_with_its_whole_body()
    {
        var broken = await StartNodeAsync("broken", cpu: 0, broken: true);
        var healthy = await StartNodeAsync("healthy", cpu: 50);
        await gateway.RefreshRoutesAsync();
        using var client = gateway.CreateClient();

        var body = new string('x', 60_000);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await client.SendAsync(request);
        Assert.Equal("healthy", await ServedByAsync(response));
        Assert.Equal(1, broken.Requests);
        Assert.Equal(body.Length, healthy.LastBodyLength);
    }

    [Fact]
    public async Task A_POST_that_never_reached_a_node_because_it_refused_the_connection_is_sent_to_another()
    {
        await RegisterUnreachableNodeAsync("stopped", cpu: 0);
        var healthy = await StartNodeAsync("healthy", cpu: 50);
        await gateway.RefreshRoutesAsync();
        using var client = gateway.CreateClient();

        Assert.Equal("healthy", await ServedByAsync(await client.PostAsJsonAsync("/api/v1/tasks", new { title = "not lost" })));
        Assert.Equal(1, healthy.Requests);
        Assert.True(healthy.LastBodyLength > 0);
    }

    [Fact]
    public async Task A_keyed_POST_too_large_to_keep_for_a_retry_is_not_retried_and_the_problem_says_so()
    {
        var broken = await StartNodeAsync("broken", cpu: 0, broken: true);
        var healthy = await StartNodeAsync("healthy", cpu: 50);
        await gateway.RefreshRoutesAsync();
        using var client = gateway.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = new ByteArrayContent(new byte[100_000]) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var problem = await Http.ProblemAsync(await client.SendAsync(request), HttpStatusCode.BadGateway);
        Assert.Contains("larger than the 65536 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, broken.Requests);
        Assert.Equal(0, healthy.Requests);
    }

    [Fact]
    public async Task When_every_node_fails_the_answer_is_a_problem_saying_how_many_were_tried()
    {
        await StartNodeAsync("broken-1", cpu: 0, broken: true);
        await StartNodeAsync("broken-2", cpu: 10, broken: true);
        await gateway.RefreshRoutesAsync();
        using var client = gateway.CreateClient();

        var problem = await Http.ProblemAsync(await client.GetAsync("/api/v1/tasks"), HttpStatusCode.BadGateway);
        Assert.Contains("failed on 2 node(s)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_every_node_fails_its_probes_requests_still_go_to_them_rather_than_all_getting_503()
    {
        var first = await StartNodeAsync("unready-1", cpu: 0);
        var second = await StartNodeAsync("unready-2", cpu: 0);
        await gateway.RefreshRoutesAsync();
        // What the active probes record when every /health/ready times out at once (a busy machine);
        // this fixture runs no probes of its own.
        Assert.True(gateway.Services.GetRequiredService<Yarp.ReverseProxy.IProxyStateLookup>().TryGetCluster("web", out var cluster));
        Assert.Equal(2, cluster.Destinations.Count);
        gateway.Services.GetRequiredService<Yarp.ReverseProxy.Health.IDestinationHealthUpdater>().SetActive(cluster,
            cluster.Destinations.Values.Select(d => new Yarp.ReverseProxy.Health.NewActiveDestinationHealth(d, Yarp.ReverseProxy.Model.DestinationHealth.Unhealthy)).ToList());
        Assert.All(cluster.Destinations.Values, d => Assert.Equal(Yarp.ReverseProxy.Model.DestinationHealth.Unhealthy, d.Health.Active));
        using var client = gateway.CreateClient();

        var response = await client.GetAsync("/api/v1/tasks");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, first.Requests + second.Requests);
    }

    [Fact]
    public async Task With_no_live_node_the_answer_is_503_problem()
    {
        await StartNodeAsync("silent", cpu: 0);
        await ExecuteAsync("UPDATE platform.nodes SET last_heartbeat_at = now() - interval '1 hour' WHERE id = 'silent'");
        await gateway.RefreshRoutesAsync();
        using var client = gateway.CreateClient();

        var problem = await Http.ProblemAsync(await client.GetAsync("/api/v1/tasks"), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("No healthy node", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _nodes.Single().Requests);
    }

    [Fact]
    public async Task The_gateway_tells_nodes_the_real_client_and_ignores_forwarded_headers_from_an_untrusted_client()
    {
        var node = await StartNodeAsync("web", cpu: 0);
        await gateway.RefreshRoutesAsync();

        // A client on the internet (not a known proxy) tries to pass itself off as someone else, over https.
        var context = await gateway.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/api/v1/tasks";
            c.Request.Host = new HostString("platform.example.com");
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
            c.Request.Headers["X-Forwarded-For"] = "6.6.6.6";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-Host"] = "evil.example";
        });
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var seen = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        Assert.Equal("203.0.113.9", seen.GetProperty("forwardedFor").GetString());
        Assert.Equal("http", seen.GetProperty("forwardedProto").GetString());
        Assert.Equal("platform.example.com", seen.GetProperty("forwardedHost").GetString());
        Assert.Equal(1, node.Requests);
    }

    /// <summary>
    /// A stand-in web node: answers <c>/health/ready</c>, echoes what it was sent (and the forwarded headers) on any
    /// other path, or, when broken, reads the request and drops the connection without an answer, as a node that
    /// crashes mid-request does.
    /// </summary>
    private sealed class FakeNode : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private FakeNode(string id, WebApplication app, string address)
        {
            Id = id;
            _app = app;
            Address = address;
        }

        public string Id { get; }
        public string Address { get; }
        public bool Broken { get; set; }
        public int Requests => Volatile.Read(ref _requests);
        public long LastBodyLength { get; private set; } = -1;

        public static async Task<FakeNode> StartAsync(string id)
        {
            var port = PortAllocator.GetFreeTcpPort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var node = new FakeNode(id, app, $"http://127.0.0.1:{port}");
            app.MapGet("/health/ready", () => "Healthy");
            app.Map("/{**path}", node.HandleAsync);
            await app.StartAsync();
            return node;
        }

        private async Task HandleAsync(HttpContext context)
        {
            Interlocked.Increment(ref _requests);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            if (Broken)
            {
                context.Abort();
                return;
            }
            LastBodyLength = body.Length;
            var headers = context.Request.Headers;
            await context.Response.WriteAsJsonAsync(new
            {
                node = Id,
                forwardedFor = headers["X-Forwarded-For"].ToString(),
                forwardedProto = headers["X-Forwarded-Proto"].ToString(),
                forwardedHost = headers["X-Forwarded-Host"].ToString(),
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
