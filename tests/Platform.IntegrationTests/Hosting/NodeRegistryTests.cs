using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Hosting;

public sealed class NodeRegistryTests(NodeRegistryTests.FastHeartbeatApp app) : IClassFixture<NodeRegistryTests.FastHeartbeatApp>
{
    public sealed class FastHeartbeatApp : PlatformApp
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["Platform:NodeId"] = "it-node-" + Guid.NewGuid().ToString("N")[..6],
            ["Platform:Cluster:HeartbeatInterval"] = "00:00:00.200",
            ["Platform:Cluster:DownAfter"] = "00:00:01",
        };
    }

    [Fact]
    public async Task A_running_node_registers_with_its_roles_and_heartbeats_and_a_silent_one_is_shown_down()
    {
        var org = await app.CreateOrganizationAsync();
        var nodes = await WaitForNodesAsync(org.Admin.Client, n => n.Count > 0);
        var self = Assert.Single(nodes);
        Assert.StartsWith("it-node-", self.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("up", self.GetProperty("health").GetString());
        Assert.Contains("web", self.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(self.GetProperty("memoryBytes").GetInt64() > 0);

        // A node that stopped heartbeating (killed) is kept but reported down.
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand(
                """
                INSERT INTO platform.nodes (id, roles, address, version, started_at, last_heartbeat_at, cpu_percent, in_flight_requests, open_streams, memory_bytes)
                VALUES ('dead-node', '{web}', 'http://10.0.0.9:8080', '0.1.0', now() - interval '1 hour', now() - interval '1 minute', 0, 0, 0, 0)
                """, connection);
            await insert.ExecuteNonQueryAsync();
        }
        var withDead = await WaitForNodesAsync(org.Admin.Client, n => n.Count == 2);
        Assert.Equal("down", withDead.Single(n => n.GetProperty("id").GetString() == "dead-node").GetProperty("health").GetString());
    }

    [Fact]
    public async Task Only_administrators_see_the_cluster_view()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var refused = await Http.ProblemAsync(await member.Client.GetAsync("/api/v1/admin/cluster/nodes"), HttpStatusCode.Forbidden);
        Assert.Equal("Only administrators of the organisation can do this.", refused.GetProperty("detail").GetString());
        await Http.ProblemAsync(await app.CreateClient().GetAsync("/api/v1/admin/cluster/nodes"), HttpStatusCode.Unauthorized);
    }

    private static async Task<List<JsonElement>> WaitForNodesAsync(HttpClient admin, Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var status = await Http.ReadAsync<JsonElement>(await admin.GetAsync("/api/v1/admin/cluster/nodes"), HttpStatusCode.OK);
            var nodes = status.GetProperty("nodes").EnumerateArray().ToList();
            if (done(nodes) || DateTime.UtcNow > deadline)
                return nodes;
            await Task.Delay(100);
        }
    }
}
