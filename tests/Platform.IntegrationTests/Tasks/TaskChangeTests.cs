using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

public sealed class TaskChangeTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static async Task<TaskDto> CreateAsync(TestUser user, object body) =>
        await Http.ReadAsync<TaskDto>(await user.Client.PostAsJsonAsync("/api/v1/tasks", body), HttpStatusCode.Created);

    private static Task<HttpResponseMessage> PatchAsync(TestUser user, Guid id, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return user.Client.SendAsync(request);
    }

    private static async Task<JsonElement> GetAsync(TestUser user, Guid id) =>
        await Http.ReadAsync<JsonElement>(await user.Client.GetAsync($"/api/v1/tasks/{id}"), HttpStatusCode.OK);

    [Fact]
    public async Task A_patch_changes_fields_in_one_history_entry_that_lists_old_and_new_values()
    {
        var org = await app.CreateOrganizationAsync();
        var bob = await org.AddMemberAsync("Bob");
        var task = await CreateAsync(org.Admin, new { title = "Draft" });

        var patched = await PatchAsync(org.Admin, task.Id, new { title = "Final", assigneeId = bob.Id, dueDate = "2026-12-01", text = "Bob, please" });
        await Http.EnsureStatusAsync(patched, HttpStatusCode.Created);
        Assert.Equal("\"2\"", patched.Headers.ETag?.Tag);

        var stored = await GetAsync(org.Admin, task.Id);
        Assert.Equal("Final", stored.GetProperty("title").GetString());
        Assert.Equal("2026-12-01", stored.GetProperty("dueDate").GetString());
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
        var entry = stored.GetProperty("comments").EnumerateArray().Last();
        Assert.Equal("comment", entry.GetProperty("kind").GetString());
        Assert.Equal("Bob, please", entry.GetProperty("text").GetString());
        var changed = entry.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("to").GetString());
        Assert.Equal("Final", changed["title"]);
        Assert.Equal(bob.Id.ToString(), changed["assigneeId"]);
        Assert.Equal("2026-12-01", changed["due"]);
        // The new responsible person now takes part and sees it.
        await Http.EnsureStatusAsync(await bob.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task If_Match_protects_against_lost_updates_and_If_None_Match_saves_a_download()
    {
        var org = await app.CreateOrganizationAsync();
        var task = await CreateAsync(org.Admin, new { title = "Versioned" });
        var get = await org.Admin.Client.GetAsync($"/api/v1/tasks/{task.Id}");
        var etag = get.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tasks/{task.Id}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await org.Admin.Client.SendAsync(conditional)).StatusCode);

        await Http.EnsureStatusAsync(await PatchAsync(org.Admin, task.Id, new { title = "First writer" }, etag), HttpStatusCode.Created);
        var stale = await PatchAsync(org.Admin, task.Id, new { title = "Second writer" }, etag);
        var problem = await Http.ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Contains("version 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("First writer", (await GetAsync(org.Admin, task.Id)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Concurrent_comments_without_If_Match_all_land()
    {
        var org = await app.CreateOrganizationAsync();
        var task = await CreateAsync(org.Admin, new { title = "Busy" });
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text = $"c{i}" })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var stored = await GetAsync(org.Admin, task.Id);
        Assert.Equal(10, stored.GetProperty("comments").EnumerateArray().Count(c => c.GetProperty("kind").GetString() == "comment"));
        Assert.Equal(11, stored.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Bad_patches_are_refused_per_field()
    {
        var org = await app.CreateOrganizationAsync();
        var outsider = await app.CreateOrganizationAsync();
        var task = await CreateAsync(org.Admin, new { title = "T" });

        var problem = await Http.ProblemAsync(await PatchAsync(org.Admin, task.Id,
            new { asignee = "x", dueDate = "2026-13-45", dueAt = "2026-12-01T10:00:00Z", title = "" }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(problem, "asignee"));
        Assert.NotEmpty(Http.FieldErrors(problem, "dueDate"));
        Assert.NotEmpty(Http.FieldErrors(problem, "title"));

        var foreign = await PatchAsync(org.Admin, task.Id, new { assigneeId = outsider.Admin.Id });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(foreign, HttpStatusCode.BadRequest), "assigneeId"));
        await Http.ProblemAsync(await PatchAsync(org.Admin, task.Id, new { durationMinutes = 30 }), HttpStatusCode.BadRequest);
        // A patch that changes nothing is a conflict with reality, not a silent no-op entry.
        await Http.ProblemAsync(await PatchAsync(org.Admin, task.Id, new { title = "T" }), HttpStatusCode.Conflict);
        Assert.Equal(1, (await GetAsync(org.Admin, task.Id)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Closing_freezes_the_fields_until_reopened_and_both_are_in_the_history()
    {
        var org = await app.CreateOrganizationAsync();
        var task = await CreateAsync(org.Admin, new { title = "Finish me" });
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/close", new { text = "Done" }), HttpStatusCode.Created);
        await Http.ProblemAsync(await org.Admin.Client.PostAsync($"/api/v1/tasks/{task.Id}/close", null), HttpStatusCode.Conflict);
        await Http.ProblemAsync(await PatchAsync(org.Admin, task.Id, new { title = "Changed" }), HttpStatusCode.Conflict);
        // Comments on a closed task are still welcome.
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text = "afterthought" }), HttpStatusCode.Created);
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsync($"/api/v1/tasks/{task.Id}/reopen", null), HttpStatusCode.Created);

        var kinds = (await GetAsync(org.Admin, task.Id)).GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["created", "closed", "comment", "reopened"], kinds);
    }

    [Fact]
    public async Task Mentioning_a_member_makes_them_a_participant_and_participants_can_be_managed()
    {
        var org = await app.CreateOrganizationAsync();
        var bob = await org.AddMemberAsync("Bob");
        var carol = await org.AddMemberAsync("Carol");
        var stranger = await app.CreateOrganizationAsync();
        var task = await CreateAsync(org.Admin, new { title = "Mentions" });

        await Http.ProblemAsync(await bob.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.NotFound);
        await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments",
            new { text = $"@[Bob](user:{bob.Id}) look, and @[Eve](user:{stranger.Admin.Id}) too" });
        await Http.EnsureStatusAsync(await bob.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.OK);
        Assert.DoesNotContain(stranger.Admin.Id, (await GetAsync(org.Admin, task.Id)).GetProperty("participantIds").EnumerateArray().Select(p => p.GetGuid()));

        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/participants", new { userIds = new[] { carol.Id } }), HttpStatusCode.Created);
        await Http.EnsureStatusAsync(await carol.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.OK);
        await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/participants", new { userIds = new[] { stranger.Admin.Id } }), HttpStatusCode.BadRequest);
        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/participants/{carol.Id}"), HttpStatusCode.Created);
        await Http.ProblemAsync(await carol.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/participants/{org.Admin.Id}"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Markdown_is_rendered_safely()
    {
        var org = await app.CreateOrganizationAsync();
        var task = await CreateAsync(org.Admin, new
        {
            title = "Markdown",
            description = "**bold** <script>alert(1)</script> [click](javascript:alert(1)) [ok](https://example.test)",
        });
        var html = (await GetAsync(org.Admin, task.Id)).GetProperty("descriptionHtml").GetString()!;
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://example.test\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_new_task_endpoint_answers_404_to_another_organisation()
    {
        var owner = await app.CreateOrganizationAsync();
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        var task = await CreateAsync(owner.Admin, new { title = "Private" });
        var id = task.Id;
        await Http.ProblemAsync(await PatchAsync(stranger, id, new { title = "x" }), HttpStatusCode.NotFound);
        foreach (var path in new[] { "close", "reopen", "read", "done-for-now" })
            await Http.ProblemAsync(await stranger.Client.PostAsync($"/api/v1/tasks/{id}/{path}", null), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.PostAsJsonAsync($"/api/v1/tasks/{id}/snooze", new { until = DateTimeOffset.UtcNow.AddDays(1) }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.PostAsJsonAsync($"/api/v1/tasks/{id}/participants", new { userIds = new[] { stranger.Id } }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.DeleteAsync($"/api/v1/tasks/{id}/participants/{owner.Admin.Id}"), HttpStatusCode.NotFound);
        Assert.Equal(1, (await GetAsync(owner.Admin, id)).GetProperty("version").GetInt32());
    }
}
