using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Realtime;
using Platform.LocalResources;

namespace Platform.ClusterTests;

/// <summary>
/// A one-node installation (all roles, in-memory bus, no other node to relay for it) that dies between committing a
/// change and relaying its event: the event goes out when the node is started again, exactly once.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed class SingleNodeRestartTests(ClusterFixture cluster)
{
    [Fact]
    public async Task An_event_committed_just_before_a_kill_is_delivered_after_the_restart_exactly_once()
    {
        var name = "single_node_" + Guid.NewGuid().ToString("N")[..8];
        var files = Path.Combine(Path.GetTempPath(), "platform-" + name);
        var environment = new Dictionary<string, string?>(cluster.NodeEnvironment)
        {
            ["ConnectionStrings__Platform"] = await cluster.CreateDatabaseAsync(name),
            ["ConnectionStrings__RabbitMq"] = null, // the single-node default: the in-memory bus
            ["Platform__Files__Local__Root"] = files,
        };
        try
        {
            await RunAsync(environment);
        }
        finally
        {
            if (Directory.Exists(files))
                Directory.Delete(files, recursive: true);
        }
    }

    private static async Task RunAsync(Dictionary<string, string?> environment)
    {
        var database = environment["ConnectionStrings__Platform"]!;
        var port = PortAllocator.GetFreeTcpPort();
        var migrateAndPauseRelay = new Dictionary<string, string?>
        {
            ["Platform__Database__MigrateOnStart"] = "true",
            ["Platform__Outbox__RelayEnabled"] = "false",
        };
        Guid commentId;
        OrganizationPeople people;
        await using (var node = new HostNode("single", "all", port, environment))
        {
            await node.StartAsync(migrateAndPauseRelay);
            people = await ClusterFixture.SetUpOrganizationAsync(node, "cluster-test-token");
            using var ann = ClusterFixture.ClientFor(node, people.AnnToken);
            var task = await ann.PostAsJsonAsync("/api/v1/tasks", new { title = "Survives a crash", assigneeId = people.BobId });
            Assert.Equal(HttpStatusCode.Created, task.StatusCode);
            var taskId = (await task.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            using var bob = ClusterFixture.ClientFor(node, people.BobToken);
            var comment = await bob.PostAsJsonAsync($"/api/v1/tasks/{taskId}/comments", new { text = "acknowledged, then the power went out" });
            Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
            commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            // Committed and acknowledged, not yet relayed: the row waits in the outbox.
            Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT count(*) FROM realtime.events WHERE payload->>'commentId' = @id", commentId));
            Assert.False(await ScalarAsync<bool>(database, "SELECT published_at IS NOT NULL FROM tasks.outbox_messages WHERE payload->>'commentId' = @id", commentId));
            node.Kill();
        }

        await using var restarted = new HostNode("single", "all", port, environment);
        await restarted.StartAsync(new Dictionary<string, string?> { ["Platform__Database__MigrateOnStart"] = "true" });
        // Ann reconnects from the start of her stream and gets the comment made before the crash.
        using var annAgain = ClusterFixture.ClientFor(restarted, people.AnnToken);
        await using var stream = await SseClient.OpenAsync(annAgain, lastEventId: 0);
        var received = await stream.NextOfTypeAsync("task.commented", TimeSpan.FromSeconds(20));
        Assert.Equal(commentId, JsonDocument.Parse(received.Data).RootElement.GetProperty("commentId").GetGuid());

        Assert.True(await ScalarAsync<bool>(database, "SELECT published_at IS NOT NULL FROM tasks.outbox_messages WHERE payload->>'commentId' = @id", commentId));
        // One event per participant (Ann and Bob), not more: the restart relayed it once.
        Assert.Equal(2L, await ScalarAsync<long>(database, "SELECT count(*) FROM realtime.events WHERE payload->>'commentId' = @id", commentId));
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql, Guid id)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id.ToString());
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
