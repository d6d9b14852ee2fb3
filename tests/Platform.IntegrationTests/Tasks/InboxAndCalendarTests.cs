using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

public sealed class InboxAndCalendarTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static async Task<List<JsonElement>> InboxAsync(TestUser user) =>
        (await Http.ReadAsync<JsonElement>(await user.Client.GetAsync("/api/v1/inbox"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task The_inbox_shows_what_needs_me_and_read_done_for_now_and_snooze_clear_it()
    {
        var org = await app.CreateOrganizationAsync();
        var bob = await org.AddMemberAsync("Bob");
        var mine = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "For Bob", assigneeId = bob.Id }), HttpStatusCode.Created);

        // Bob is responsible: it is in his inbox, unread. Ann created it (her own change): not in hers.
        var bobs = Assert.Single(await InboxAsync(bob));
        Assert.Equal(mine.Id, bobs.GetProperty("id").GetGuid());
        Assert.Equal("responsible", bobs.GetProperty("reason").GetString());
        Assert.True(bobs.GetProperty("unread").GetBoolean());
        Assert.Empty(await InboxAsync(org.Admin));

        // Bob comments: new activity for Ann.
        await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{mine.Id}/comments", new { text = "question" });
        var anns = Assert.Single(await InboxAsync(org.Admin));
        Assert.Equal("new_activity", anns.GetProperty("reason").GetString());
        Assert.True(anns.GetProperty("unread").GetBoolean());

        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsync($"/api/v1/tasks/{mine.Id}/read", null), HttpStatusCode.NoContent);
        Assert.Empty(await InboxAsync(org.Admin));

        // Responsible stays in the inbox even when read, until "done for now"...
        Assert.False(Assert.Single(await InboxAsync(bob)).GetProperty("unread").GetBoolean());
        await Http.EnsureStatusAsync(await bob.Client.PostAsync($"/api/v1/tasks/{mine.Id}/done-for-now", null), HttpStatusCode.NoContent);
        Assert.Empty(await InboxAsync(bob));
        // ...and comes back with new activity.
        await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{mine.Id}/comments", new { text = "answer" });
        Assert.Single(await InboxAsync(bob));

        await Http.EnsureStatusAsync(await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{mine.Id}/snooze", new { until = DateTimeOffset.UtcNow.AddDays(2) }), HttpStatusCode.NoContent);
        Assert.Empty(await InboxAsync(bob));
        await Http.ProblemAsync(await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{mine.Id}/snooze", new { until = DateTimeOffset.UtcNow.AddDays(-1) }), HttpStatusCode.BadRequest);

        // Closed tasks leave the inbox.
        await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{mine.Id}/snooze", new { until = (DateTimeOffset?)null });
        await org.Admin.Client.PostAsync($"/api/v1/tasks/{mine.Id}/close", null);
        Assert.Empty(await InboxAsync(bob));
    }

    [Fact]
    public async Task The_calendar_lists_my_tasks_due_in_the_range()
    {
        var org = await app.CreateOrganizationAsync();
        var other = await org.AddMemberAsync();
        async Task<Guid> Create(object body) =>
            (await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", body), HttpStatusCode.Created)).Id;
        var day = await Create(new { title = "Day", dueDate = "2026-12-10" });
        var meeting = await Create(new { title = "Meeting", dueAt = "2026-12-11T09:00:00+03:00", durationMinutes = 60 });
        await Create(new { title = "Later", dueDate = "2027-01-10" });
        await Create(new { title = "No due" });
        await Http.ReadAsync<TaskDto>(await other.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Not mine", dueDate = "2026-12-10" }), HttpStatusCode.Created);

        var calendar = await Http.ReadAsync<JsonElement>(await org.Admin.Client.GetAsync("/api/v1/calendar?from=2026-12-01&to=2026-12-31"), HttpStatusCode.OK);
        var ids = calendar.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([day, meeting], ids);
        var entry = calendar.GetProperty("items")[1];
        Assert.Equal(60, entry.GetProperty("durationMinutes").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 6, 0, 0, TimeSpan.Zero), entry.GetProperty("dueAt").GetDateTimeOffset());

        await Http.ProblemAsync(await org.Admin.Client.GetAsync("/api/v1/calendar?from=2026-12-31&to=2026-12-01"), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await org.Admin.Client.GetAsync("/api/v1/calendar?from=2026-01-01&to=2028-01-01"), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await org.Admin.Client.GetAsync("/api/v1/calendar"), HttpStatusCode.BadRequest);
    }
}
