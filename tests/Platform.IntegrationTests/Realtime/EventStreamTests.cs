using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Tasks.Contracts;

namespace Platform.IntegrationTests.Realtime;

public sealed class EventStreamTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_comment_by_someone_else_reaches_the_participants_open_stream()
    {
        var org = await app.CreateOrganizationAsync();
        var bob = await org.AddMemberAsync();
        var task = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Live", assigneeId = bob.Id }), HttpStatusCode.Created);

        await using var stream = await SseClient.OpenAsync(org.Admin.Client);
        Assert.Equal("text/event-stream", stream.ContentType);
        var comment = await Http.ReadAsync<CommentDto>(await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text = "hi" }), HttpStatusCode.Created);

        var received = await stream.NextOfTypeAsync("task.commented", Wait);
        var data = JsonDocument.Parse(received.Data).RootElement;
        Assert.Equal(task.Id, data.GetProperty("taskId").GetGuid());
        Assert.Equal(comment.Id, data.GetProperty("commentId").GetGuid());
        Assert.Equal(bob.Id, data.GetProperty("actorId").GetGuid());
    }

    [Fact]
    public async Task On_a_single_node_a_push_arrives_without_any_NOTIFY_on_the_database()
    {
        // One node (no NATS, no RabbitMQ) hands committed rows to its own dispatcher: NOTIFY's commit-time lock on
        // the primary is not paid at all.
        await using var listener = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await listener.OpenAsync();
        await using (var listen = new Npgsql.NpgsqlCommand("LISTEN realtime_events", listener))
            await listen.ExecuteNonQueryAsync();
        var notified = 0;
        listener.Notification += (_, _) => Interlocked.Increment(ref notified);

        var org = await app.CreateOrganizationAsync();
        var bob = await org.AddMemberAsync();
        var task = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "No notify", assigneeId = bob.Id }), HttpStatusCode.Created);
        await using var stream = await SseClient.OpenAsync(org.Admin.Client);
        var comment = await Http.ReadAsync<CommentDto>(await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text = "quiet" }), HttpStatusCode.Created);
        var received = await stream.NextOfTypeAsync("task.commented", Wait);
        Assert.Equal(comment.Id, JsonDocument.Parse(received.Data).RootElement.GetProperty("commentId").GetGuid());

        // A NOTIFY sent with the rows would have been delivered by now; give it one more second to show up.
        await listener.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(0, notified);
    }

    [Fact]
    public async Task Reconnecting_with_Last_Event_ID_replays_exactly_what_was_missed()
    {
        var org = await app.CreateOrganizationAsync();
        var bob = await org.AddMemberAsync();
        var task = await Http.ReadAsync<TaskDto>(await bob.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Replay", assigneeId = org.Admin.Id }), HttpStatusCode.Created);

        long lastSeen;
        await using (var first = await SseClient.OpenAsync(org.Admin.Client))
        {
            await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text = "one" });
            lastSeen = (await first.NextOfTypeAsync("task.commented", Wait)).Id!.Value;
        }

        // While disconnected: two more comments.
        var missed = new List<Guid>();
        foreach (var text in new[] { "two", "three" })
            missed.Add((await Http.ReadAsync<CommentDto>(await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text }), HttpStatusCode.Created)).Id);

        await using var resumed = await SseClient.OpenAsync(org.Admin.Client, lastSeen);
        // The task's own task.created may be stored after "one" (consumers run concurrently) and then is
        // rightly replayed too: the comments are what this test follows.
        var replayed = new[] { await resumed.NextOfTypeAsync("task.commented", Wait), await resumed.NextOfTypeAsync("task.commented", Wait) };
        // Consumers run concurrently, so two quick comments may be stored in either order; what
        // matters is that both, and nothing already seen, are replayed, in id order.
        Assert.Equal(missed.Order(), replayed.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("commentId").GetGuid()).Order());
        Assert.True(replayed[0].Id > lastSeen && replayed[1].Id > replayed[0].Id);
    }

    [Fact]
    public async Task A_client_older_than_the_replay_window_is_told_to_reset()
    {
        var org = await app.CreateOrganizationAsync();
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            // Simulate trimming: everything the client could have missed is gone, and the retained
            // events start far beyond what it last saw.
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "DELETE FROM realtime.events; SELECT setval('realtime.events_id_seq', 1000000)", connection);
            await command.ExecuteScalarAsync();
        }
        await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "After the gap" });
        await using var stream = await SseClient.OpenAsync(org.Admin.Client, lastEventId: 5);
        var first = await stream.NextAsync(Wait);
        Assert.Equal("reset", first.Type);
    }

    [Fact]
    public async Task A_redelivered_bus_message_is_stored_once()
    {
        var org = await app.CreateOrganizationAsync();
        await using var stream = await SseClient.OpenAsync(org.Admin.Client);
        var bus = app.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        var message = new TaskCreated(org.Id, Guid.NewGuid(), "Twice", org.Admin.Id, null, [org.Admin.Id], DateTimeOffset.UtcNow);
        await bus.Publish(message, ctx => ctx.MessageId = messageId);
        await bus.Publish(message, ctx => ctx.MessageId = messageId);
        var marker = new TaskCreated(org.Id, Guid.NewGuid(), "Marker", org.Admin.Id, null, [org.Admin.Id], DateTimeOffset.UtcNow);
        await bus.Publish(marker, ctx => ctx.MessageId = Guid.NewGuid());

        // Consumers run concurrently, so the order is free; the marker proves the duplicate had
        // its chance to be stored before we count.
        var received = new[] { await stream.NextAsync(Wait), await stream.NextAsync(Wait) };
        Assert.Single(received, e => e.Data.Contains("Twice", StringComparison.Ordinal));
        Assert.Single(received, e => e.Data.Contains("Marker", StringComparison.Ordinal));

        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM realtime.events WHERE source_message_id = @id", connection);
        count.Parameters.AddWithValue("id", messageId);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }
}
