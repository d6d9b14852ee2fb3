using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

/// <summary>The list tree: inherited membership, moving branches (to the top level too), depth and cycle checks, listIds.</summary>
public sealed class ListTreeTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static async Task<Guid> CreateListAsync(TestUser user, string name, Guid? parentId = null) =>
        (await Http.ReadAsync<JsonElement>(await user.Client.PostAsJsonAsync("/api/v1/lists", new { name, parentId }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static async Task<Guid> CreateTaskInListsAsync(TestUser user, string title, params Guid[] listIds)
    {
        var id = (await Http.ReadAsync<TaskDto>(await user.Client.PostAsJsonAsync("/api/v1/tasks", new { title }), HttpStatusCode.Created)).Id;
        foreach (var listId in listIds)
            await Http.EnsureStatusAsync(await user.Client.PostAsJsonAsync($"/api/v1/tasks/{id}/lists", new { listId }), HttpStatusCode.Created);
        return id;
    }

    /// <summary>A PATCH with the body exactly as written: <c>"parentId": null</c> must reach the server as such.</summary>
    private static Task<HttpResponseMessage> PatchRawAsync(TestUser user, Guid listId, string json) =>
        user.Client.PatchAsync($"/api/v1/lists/{listId}", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<Guid[]> ListIdsAsync(TestUser user, Guid taskId) =>
        (await Http.ReadAsync<JsonElement>(await user.Client.GetAsync($"/api/v1/tasks/{taskId}"), HttpStatusCode.OK))
            .GetProperty("listIds").EnumerateArray().Select(e => e.GetGuid()).Order().ToArray();

    private static async Task<Guid[]> VisibleListsAsync(TestUser user) =>
        (await Http.ReadAsync<JsonElement>(await user.Client.GetAsync("/api/v1/lists"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).Order().ToArray();

    private static string[] ParentErrors(JsonElement problem) => Http.FieldErrors(problem, "parentId");

    [Fact]
    public async Task A_member_of_a_list_sees_the_lists_and_tasks_nested_below_it_until_the_branch_is_moved_out()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync("Member of the project");
        var outsider = await org.AddMemberAsync("Outsider");
        var sprintMember = await org.AddMemberAsync("Member of the sprint only");
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        var project = await CreateListAsync(org.Admin, "Project");
        var phase = await CreateListAsync(org.Admin, "Phase", project);
        var sprint = await CreateListAsync(org.Admin, "Sprint", phase);
        var task = await CreateTaskInListsAsync(org.Admin, "Deep down", sprint);
        var projectTask = await CreateTaskInListsAsync(org.Admin, "Up top", project);
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/lists/{project}/members", new { userIds = new[] { member.Id } }), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/lists/{sprint}/members", new { userIds = new[] { sprintMember.Id } }), HttpStatusCode.OK);

        Assert.Equal(new[] { project, phase, sprint }.Order(), await VisibleListsAsync(member));
        // Membership is inherited downwards only.
        Assert.Equal([sprint], await VisibleListsAsync(sprintMember));
        await Http.EnsureStatusAsync(await sprintMember.Client.GetAsync($"/api/v1/tasks/{task}"), HttpStatusCode.OK);
        await Http.ProblemAsync(await sprintMember.Client.GetAsync($"/api/v1/tasks/{projectTask}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await sprintMember.Client.GetAsync($"/api/v1/lists/{phase}/tasks?includeNested=true"), HttpStatusCode.NotFound);
        Assert.Empty(await VisibleListsAsync(outsider));
        Assert.Equal([sprint], await ListIdsAsync(member, task));
        var listed = await Http.ReadAsync<TaskListDto>(await member.Client.GetAsync($"/api/v1/lists/{sprint}/tasks"), HttpStatusCode.OK);
        Assert.Equal(task, Assert.Single(listed.Items).Id);
        Assert.Equal(projectTask, Assert.Single((await Http.ReadAsync<TaskListDto>(await member.Client.GetAsync($"/api/v1/lists/{project}/tasks"), HttpStatusCode.OK)).Items).Id);
        var nested = await Http.ReadAsync<TaskListDto>(await member.Client.GetAsync($"/api/v1/lists/{project}/tasks?includeNested=true"), HttpStatusCode.OK);
        Assert.Equal(new[] { projectTask, task }, nested.Items.Select(t => t.Id));

        await Http.ProblemAsync(await outsider.Client.GetAsync($"/api/v1/tasks/{task}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await outsider.Client.GetAsync($"/api/v1/lists/{sprint}/tasks"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await outsider.Client.GetAsync($"/api/v1/lists/{project}/tasks?includeNested=true"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.GetAsync($"/api/v1/lists/{project}/tasks?includeNested=true"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.GetAsync($"/api/v1/tasks/{task}"), HttpStatusCode.NotFound);

        // Taking the phase (and the sprint with it) out of the project ends what the membership gave.
        var moved = await Http.ReadAsync<JsonElement>(await PatchRawAsync(org.Admin, phase, """{ "parentId": null }"""), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("parentId").ValueKind);
        await Http.ProblemAsync(await member.Client.GetAsync($"/api/v1/tasks/{task}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await member.Client.GetAsync($"/api/v1/lists/{sprint}/tasks"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await member.Client.PostAsJsonAsync($"/api/v1/tasks/{task}/comments", new { text = "still here?" }), HttpStatusCode.NotFound);
        Assert.Equal(projectTask, Assert.Single((await Http.ReadAsync<TaskListDto>(await member.Client.GetAsync($"/api/v1/lists/{project}/tasks?includeNested=true"), HttpStatusCode.OK)).Items).Id);
        Assert.Equal([project], await VisibleListsAsync(member));
        await Http.EnsureStatusAsync(await sprintMember.Client.GetAsync($"/api/v1/tasks/{task}"), HttpStatusCode.OK); // a direct member keeps it

        // Moving it back under the project gives it back.
        await Http.EnsureStatusAsync(await PatchRawAsync(org.Admin, phase, $$"""{ "parentId": "{{project}}" }"""), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await member.Client.GetAsync($"/api/v1/tasks/{task}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Task_details_carry_the_lists_holding_the_task_that_the_caller_sees()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var open = await CreateListAsync(org.Admin, "Open");
        var openChild = await CreateListAsync(org.Admin, "Open child", open);
        var closed = await CreateListAsync(org.Admin, "Closed");
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/lists/{open}/members", new { userIds = new[] { member.Id } }), HttpStatusCode.OK);

        var created = await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Shared" }), HttpStatusCode.Created);
        Assert.Empty(created.GetProperty("listIds").EnumerateArray());
        var task = created.GetProperty("id").GetGuid();
        foreach (var listId in new[] { open, openChild, closed })
            await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task}/lists", new { listId }), HttpStatusCode.Created);

        Assert.Equal(new[] { open, openChild }.Order(), await ListIdsAsync(member, task));
        Assert.Equal(new[] { open, openChild, closed }.Order(), await ListIdsAsync(org.Admin, task)); // admins see every list

        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/tasks/{task}/lists/{openChild}"), HttpStatusCode.Created);
        Assert.Equal([open], await ListIdsAsync(member, task));
    }

    [Fact]
    public async Task Patch_leaves_an_absent_parent_alone_and_moves_to_the_top_level_on_an_explicit_null()
    {
        var org = await app.CreateOrganizationAsync();
        var top = await CreateListAsync(org.Admin, "Top");
        var child = await CreateListAsync(org.Admin, "Child", top);

        var renamed = await Http.ReadAsync<JsonElement>(await PatchRawAsync(org.Admin, child, """{ "name": "  Renamed  " }"""), HttpStatusCode.OK);
        Assert.Equal("Renamed", renamed.GetProperty("name").GetString());
        Assert.Equal(top, renamed.GetProperty("parentId").GetGuid());

        var typo = await Http.ProblemAsync(await PatchRawAsync(org.Admin, child, """{ "parent": null }"""), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(typo, "parent"));
        Assert.NotEmpty(ParentErrors(await Http.ProblemAsync(await PatchRawAsync(org.Admin, child, """{ "parentId": "top" }"""), HttpStatusCode.BadRequest)));
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(await PatchRawAsync(org.Admin, child, """{ "name": null }"""), HttpStatusCode.BadRequest), "name"));
        Assert.NotEmpty(ParentErrors(await Http.ProblemAsync(await PatchRawAsync(org.Admin, child, $$"""{ "parentId": "{{Guid.NewGuid()}}" }"""), HttpStatusCode.BadRequest)));

        var moved = await Http.ReadAsync<JsonElement>(await PatchRawAsync(org.Admin, child, """{ "parentId": null }"""), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("parentId").ValueKind);
        Assert.Equal("Renamed", moved.GetProperty("name").GetString());
        var stored = (await Http.ReadAsync<JsonElement>(await org.Admin.Client.GetAsync("/api/v1/lists"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == child);
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("parentId").ValueKind);
        // The former parent has nothing nested any more: it can go.
        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/lists/{top}"), HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_move_counts_the_height_of_the_moved_branch_and_never_puts_a_list_inside_itself()
    {
        var org = await app.CreateOrganizationAsync();
        var chain = new List<Guid> { await CreateListAsync(org.Admin, "Level 1") };
        for (var level = 2; level <= 8; level++)
            chain.Add(await CreateListAsync(org.Admin, $"Level {level}", chain[^1]));
        var branch = await CreateListAsync(org.Admin, "Branch");
        var branchChild = await CreateListAsync(org.Admin, "Branch child", branch);
        var branchLeaf = await CreateListAsync(org.Admin, "Branch leaf", branchChild);

        // Level 8 + a branch three levels high = 11: refused, though level 8 itself is well within the limit.
        var tooDeep = ParentErrors(await Http.ProblemAsync(await PatchRawAsync(org.Admin, branch, $$"""{ "parentId": "{{chain[7]}}" }"""), HttpStatusCode.BadRequest));
        Assert.Contains("would nest lists deeper than 10 levels", Assert.Single(tooDeep), StringComparison.Ordinal);
        await Http.EnsureStatusAsync(await PatchRawAsync(org.Admin, branch, $$"""{ "parentId": "{{chain[6]}}" }"""), HttpStatusCode.OK);
        // The leaf is now at level 10: nothing more goes under it.
        var full = ParentErrors(await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync("/api/v1/lists", new { name = "Level 11", parentId = branchLeaf }), HttpStatusCode.BadRequest));
        Assert.Contains("would nest lists deeper than 10 levels", Assert.Single(full), StringComparison.Ordinal);

        foreach (var (list, parent) in new[] { (branch, branch), (branch, branchLeaf), (chain[0], branchChild) })
        {
            var inside = ParentErrors(await Http.ProblemAsync(await PatchRawAsync(org.Admin, list, $$"""{ "parentId": "{{parent}}" }"""), HttpStatusCode.BadRequest));
            Assert.Contains("would put the list inside itself", Assert.Single(inside), StringComparison.Ordinal);
        }

        // Back to the top level: any branch fits there.
        await Http.EnsureStatusAsync(await PatchRawAsync(org.Admin, branchChild, """{ "parentId": null }"""), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync("/api/v1/lists", new { name = "Under the leaf", parentId = branchLeaf }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Two_lists_moved_under_each_other_at_the_same_time_never_make_a_cycle()
    {
        // Without serialising tree changes, both checks can pass against the old tree.
        var org = await app.CreateOrganizationAsync();
        var pairs = new List<(Guid A, Guid B)>();
        for (var i = 0; i < 6; i++)
            pairs.Add((await CreateListAsync(org.Admin, $"A{i}"), await CreateListAsync(org.Admin, $"B{i}")));

        var responses = await Task.WhenAll(pairs.SelectMany(p => new[]
        {
            PatchRawAsync(org.Admin, p.A, $$"""{ "parentId": "{{p.B}}" }"""),
            PatchRawAsync(org.Admin, p.B, $$"""{ "parentId": "{{p.A}}" }"""),
        }));
        for (var i = 0; i < pairs.Count; i++)
        {
            var statuses = new[] { responses[2 * i].StatusCode, responses[2 * i + 1].StatusCode }.Order().ToArray();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], statuses);
        }
    }

    [Fact]
    public async Task Nested_tasks_page_by_recent_activity_each_task_once_even_when_in_several_lists_of_the_branch()
    {
        var org = await app.CreateOrganizationAsync();
        var project = await CreateListAsync(org.Admin, "Project");
        var phase = await CreateListAsync(org.Admin, "Phase", project);
        var sprint = await CreateListAsync(org.Admin, "Sprint", phase);
        var elsewhere = await CreateListAsync(org.Admin, "Elsewhere");
        var expected = new List<Guid>
        {
            await CreateTaskInListsAsync(org.Admin, "In the project", project),
            await CreateTaskInListsAsync(org.Admin, "In the phase and the sprint", phase, sprint),
            await CreateTaskInListsAsync(org.Admin, "In the sprint", sprint),
            await CreateTaskInListsAsync(org.Admin, "In the project and elsewhere", project, elsewhere),
            await CreateTaskInListsAsync(org.Admin, "In the sprint and the project", sprint, project),
        };
        await CreateTaskInListsAsync(org.Admin, "Only elsewhere", elsewhere);
        expected.Reverse(); // newest activity first

        var seen = new List<TaskSummaryDto>();
        string? cursor = null;
        do
        {
            var page = await Http.ReadAsync<TaskListDto>(await org.Admin.Client.GetAsync(
                $"/api/v1/lists/{project}/tasks?includeNested=true&limit=2{(cursor is null ? "" : $"&after={Uri.EscapeDataString(cursor)}")}"), HttpStatusCode.OK);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(expected, seen.Select(t => t.Id));
        var phaseOnly = await Http.ReadAsync<TaskListDto>(await org.Admin.Client.GetAsync($"/api/v1/lists/{phase}/tasks?includeNested=false"), HttpStatusCode.OK);
        Assert.Equal(expected[3], Assert.Single(phaseOnly.Items).Id);
        var phaseBranch = await Http.ReadAsync<TaskListDto>(await org.Admin.Client.GetAsync($"/api/v1/lists/{phase}/tasks?includeNested=true"), HttpStatusCode.OK);
        Assert.Equal(new[] { expected[0], expected[2], expected[3] }, phaseBranch.Items.Select(t => t.Id));
    }
}
