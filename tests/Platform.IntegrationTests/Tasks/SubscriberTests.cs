using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Realtime;

namespace Platform.IntegrationTests.Tasks;

/// <summary>Subscribers follow a task (see it, get its activity and real-time events) without taking part in it.</summary>
public sealed class SubscriberTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<JsonElement> GetAsync(TestUser user, Guid id) =>
        await Http.ReadAsync<JsonElement>(await user.Client.GetAsync($"/api/v1/tasks/{id}"), HttpStatusCode.OK);

    private static List<Guid> Ids(JsonElement task, string property) => task.GetProperty(property).EnumerateArray().Select(e => e.GetGuid()).ToList();

    private static async Task<List<(Guid Id, string Reason, bool Unread)>> InboxAsync(TestUser user) =>
        (await Http.ReadAsync<JsonElement>(await user.Client.GetAsync("/api/v1/inbox"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetGuid(), i.GetProperty("reason").GetString()!, i.GetProperty("unread").GetBoolean())).ToList();

    private static async Task<JsonElement> NextCommentEventAsync(SseClient stream, Guid commentId)
    {
        var deadline = DateTimeOffset.UtcNow + Wait;
        while (true)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"no task.commented event for comment {commentId} within {Wait}");
            var data = JsonDocument.Parse((await stream.NextOfTypeAsync("task.commented", left)).Data).RootElement;
            if (data.GetProperty("commentId").GetGuid() == commentId)
                return data;
        }
    }

    [Fact]
    public async Task A_participant_subscribes_a_colleague_who_then_sees_follows_and_hears_about_the_task_without_taking_part()
    {
        var org = await app.CreateOrganizationAsync();
        var assignee = await org.AddMemberAsync("Assignee");
        var follower = await org.AddMemberAsync("Follower");
        var task = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Quarterly report", assigneeId = assignee.Id }), HttpStatusCode.Created);
        await Http.ProblemAsync(await follower.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.NotFound);

        var entry = await Http.ReadAsync<JsonElement>(await assignee.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/subscribers", new { userIds = new[] { follower.Id } }), HttpStatusCode.Created);
        Assert.Equal("changed", entry.GetProperty("kind").GetString());
        var change = entry.GetProperty("changes").EnumerateArray().Single();
        Assert.Equal("subscribers", change.GetProperty("field").GetString());
        Assert.Equal(follower.Id.ToString(), change.GetProperty("to").GetString());

        var seen = await GetAsync(follower, task.Id);
        Assert.Equal([follower.Id], Ids(seen, "subscriberIds"));
        Assert.DoesNotContain(follower.Id, Ids(seen, "participantIds"));
        Assert.Contains(await InboxAsync(follower), i => i.Id == task.Id && i.Reason == "new_activity" && i.Unread);
        Assert.Contains(task.Id, (await follower.Client.GetFromJsonAsync<TaskListDto>("/api/v1/tasks"))!.Items.Select(t => t.Id));

        // Read, then new activity: unread again, and pushed to the follower's open stream.
        await Http.EnsureStatusAsync(await follower.Client.PostAsync($"/api/v1/tasks/{task.Id}/read", null), HttpStatusCode.NoContent);
        Assert.DoesNotContain(await InboxAsync(follower), i => i.Id == task.Id);
        await using var stream = await SseClient.OpenAsync(follower.Client);
        var comment = await Http.ReadAsync<CommentDto>(await assignee.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text = "Draft attached" }), HttpStatusCode.Created);
        // The subscription's own event is relayed asynchronously and may arrive on this stream first.
        var pushed = await NextCommentEventAsync(stream, comment.Id);
        Assert.Equal(task.Id, pushed.GetProperty("taskId").GetGuid());
        Assert.Contains(await InboxAsync(follower), i => i.Id == task.Id && i.Unread);

        // The subscriber unsubscribes themselves: the change is in the history and the task is gone for them.
        var left = await Http.ReadAsync<JsonElement>(await follower.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/subscribers/{follower.Id}"), HttpStatusCode.Created);
        Assert.Equal(follower.Id.ToString(), left.GetProperty("changes")[0].GetProperty("from").GetString());
        await Http.ProblemAsync(await follower.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await InboxAsync(follower), i => i.Id == task.Id);
        var history = await GetAsync(org.Admin, task.Id);
        Assert.Empty(Ids(history, "subscriberIds"));
        Assert.Equal(2, history.GetProperty("comments").EnumerateArray().Count(c => c.GetProperty("changes").EnumerateArray().Any(x => x.GetProperty("field").GetString() == "subscribers")));
    }

    [Fact]
    public async Task Anyone_who_sees_a_task_subscribes_themselves_but_only_participants_subscribe_others()
    {
        var org = await app.CreateOrganizationAsync();
        var listMember = await org.AddMemberAsync();
        var other = await org.AddMemberAsync();
        var outsider = await org.AddMemberAsync();
        var task = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "In a list" }), HttpStatusCode.Created);
        var list = await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/lists", new { name = "Project" }), HttpStatusCode.Created);
        var listId = list.GetProperty("id").GetGuid();
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/lists/{listId}/members", new { userIds = new[] { listMember.Id } }), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/lists", new { listId }), HttpStatusCode.Created);

        // Someone who cannot see the task cannot subscribe to it, not even themselves.
        await Http.ProblemAsync(await outsider.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/subscribers", new { userIds = new[] { outsider.Id } }), HttpStatusCode.NotFound);
        // A list member sees it: subscribes themselves (without joining), but not someone else.
        await Http.EnsureStatusAsync(await listMember.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/subscribers", new { userIds = new[] { listMember.Id } }), HttpStatusCode.Created);
        await Http.ProblemAsync(await listMember.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/subscribers", new { userIds = new[] { other.Id } }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await listMember.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/subscribers", new { userIds = new[] { listMember.Id } }), HttpStatusCode.Conflict);
        var task1 = await GetAsync(org.Admin, task.Id);
        Assert.Equal([listMember.Id], Ids(task1, "subscriberIds"));
        Assert.Equal([org.Admin.Id], Ids(task1, "participantIds"));

        // A participant cannot "subscribe" (they already follow), and unknown people are refused.
        await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/subscribers", new { userIds = new[] { org.Admin.Id } }), HttpStatusCode.Conflict);
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(
            await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/subscribers", new { userIds = new[] { stranger.Id } }), HttpStatusCode.BadRequest), "userIds"));
        // Only participants unsubscribe other people.
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/subscribers", new { userIds = new[] { other.Id } }), HttpStatusCode.Created);
        await Http.ProblemAsync(await listMember.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/subscribers/{other.Id}"), HttpStatusCode.Forbidden);
        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/subscribers/{other.Id}"), HttpStatusCode.Created);
        await Http.ProblemAsync(await org.Admin.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/subscribers/{other.Id}"), HttpStatusCode.Conflict);

        // A subscriber who acts on the task (comments) takes part in it from then on.
        await Http.EnsureStatusAsync(await listMember.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text = "I'll help" }), HttpStatusCode.Created);
        var task2 = await GetAsync(org.Admin, task.Id);
        Assert.Empty(Ids(task2, "subscriberIds"));
        Assert.Contains(listMember.Id, Ids(task2, "participantIds"));
    }

    [Fact]
    public async Task Subscribers_named_at_creation_are_recorded_on_the_created_entry_and_get_the_created_event()
    {
        var org = await app.CreateOrganizationAsync();
        var assignee = await org.AddMemberAsync();
        var follower = await org.AddMemberAsync();
        await using var stream = await SseClient.OpenAsync(follower.Client);

        // The assignee is named as a subscriber too: a participant is never also a subscriber.
        var created = await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks",
            new { title = "With followers", assigneeId = assignee.Id, subscriberIds = new[] { follower.Id, assignee.Id } }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal([follower.Id], Ids(created, "subscriberIds"));
        var first = created.GetProperty("comments")[0];
        Assert.Equal("created", first.GetProperty("kind").GetString());
        Assert.Equal(follower.Id.ToString(), first.GetProperty("changes").EnumerateArray().Single().GetProperty("to").GetString());
        var pushed = JsonDocument.Parse((await stream.NextOfTypeAsync("task.created", Wait)).Data).RootElement;
        Assert.Equal(id, pushed.GetProperty("taskId").GetGuid());

        var stranger = (await app.CreateOrganizationAsync()).Admin;
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks",
            new { title = "Bad", subscriberIds = new[] { stranger.Id } }), HttpStatusCode.BadRequest), "subscriberIds"));
    }
}
