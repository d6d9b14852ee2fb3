using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.LocalResources;
using Xunit.Abstractions;

namespace Platform.ClusterTests;

/// <summary>
/// PostgreSQL restarts under a running node (its own server here, so the cluster's keeps running): while it is down
/// the node says so clearly (503 problems with Retry-After, not ready), and afterwards it serves again with every
/// acknowledged write intact, without being restarted itself.
/// </summary>
[Collection(ClusterGroup.Name)]
#pragma warning disable CA1001 // disposed through IAsyncLifetime.DisposeAsync, as the fixtures are
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "platform-pg-restart-" + Guid.NewGuid().ToString("N")[..8]);
    private PostgresServer _postgres = null!;
    private HostNode _node = null!;
#pragma warning restore CA1001

    public async Task InitializeAsync()
    {
        _postgres = new PostgresServer(Path.Combine(_root, "pg"), PortAllocator.GetFreeTcpPort());
        await _postgres.StartAsync(CancellationToken.None);
        await _postgres.EnsureDatabaseAsync("platform", CancellationToken.None);
        _node = await HostNode.StartAloneAsync("pg-restart", _postgres.ConnectionString("platform"), "restart-token", _root);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
            await _node.DisposeAsync();
        await _postgres.DisposeAsync();
        HostNode.DeleteTempFolder(_root);
    }

    [Fact]
    public async Task While_PostgreSQL_is_down_requests_get_503_problems_and_afterwards_every_acknowledged_write_is_there()
    {
        var people = await ClusterFixture.SetUpOrganizationAsync(_node, "restart-token");
        using var ann = ClusterFixture.ClientFor(_node, people.AnnToken);
        using var anonymous = ClusterFixture.ClientFor(_node);
        var created = await ann.PostAsJsonAsync("/api/v1/tasks", new { title = "Written before the restart", assigneeId = people.BobId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await _postgres.StopAsync();

        foreach (var response in new[]
                 {
                     await ann.GetAsync($"/api/v1/tasks/{taskId}"),
                     await ann.PostAsJsonAsync("/api/v1/tasks", new { title = "Sent while the database is down" }),
                 })
        {
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable,
                $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{string.Join(Environment.NewLine, _node.RecentOutput)}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("database cannot be reached", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);

        await _postgres.StartAsync(CancellationToken.None);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await _node.WaitForReadyAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"ready again {clock.ElapsedMilliseconds} ms after PostgreSQL was back");

        // Pooled connections to the old server process are found broken on first use and replaced; a client that
        // honours Retry-After (here: at once, a few times) gets through.
        HttpResponseMessage read;
        var attempts = 0;
        do
        {
            read = await ann.GetAsync($"/api/v1/tasks/{taskId}");
            attempts++;
        }
        while (read.StatusCode == HttpStatusCode.ServiceUnavailable && attempts < 5);
        output.WriteLine($"first read after the restart succeeded on attempt {attempts}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Written before the restart", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Created, (await ann.PostAsJsonAsync("/api/v1/tasks", new { title = "Written after the restart" })).StatusCode);
    }
}
