using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

public sealed class ListTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static async Task<Guid> CreateListAsync(TestUser user, string name, Guid? parentId = null) =>
        (await Http.ReadAsync<JsonElement>(await user.Client.PostAsJsonAsync("/api/v1/lists", new { name, parentId }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    [Fact]
    public async Task Members_of_a_list_see_its_tasks_and_joining_a_task_by_commenting_is_recorded()
    {
        var org = await app.CreateOrganizationAsync();
        var bob = await org.AddMemberAsync("Bob");
        var project = await CreateListAsync(org.Admin, "Project X");
        var phase = await CreateListAsync(org.Admin, "Phase 1", project);
        var task = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "In two lists" }), HttpStatusCode.Created);

        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/lists", new { listId = project }), HttpStatusCode.Created);
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/lists", new { listId = phase }), HttpStatusCode.Created);
        await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/lists", new { listId = phase }), HttpStatusCode.Conflict);

        // Bob is not a participant and not a member: nothing.
        await Http.ProblemAsync(await bob.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await bob.Client.GetAsync($"/api/v1/lists/{project}/tasks"), HttpStatusCode.NotFound);

        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/lists/{project}/members", new { userIds = new[] { bob.Id } }), HttpStatusCode.OK);
        var listed = await Http.ReadAsync<TaskListDto>(await bob.Client.GetAsync($"/api/v1/lists/{project}/tasks"), HttpStatusCode.OK);
        Assert.Equal(task.Id, Assert.Single(listed.Items).Id);
        await Http.EnsureStatusAsync(await bob.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.OK);

        await Http.EnsureStatusAsync(await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text = "I'll help" }), HttpStatusCode.Created);
        var stored = await Http.ReadAsync<JsonElement>(await org.Admin.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.OK);
        Assert.Contains(bob.Id, stored.GetProperty("participantIds").EnumerateArray().Select(p => p.GetGuid()));
        var fields = stored.GetProperty("comments").EnumerateArray().SelectMany(c => c.GetProperty("changes").EnumerateArray().Select(ch => ch.GetProperty("field").GetString())).ToList();
        Assert.Equal(2, fields.Count(f => f == "lists"));

        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/lists/{phase}"), HttpStatusCode.Created);
        Assert.Empty((await Http.ReadAsync<TaskListDto>(await org.Admin.Client.GetAsync($"/api/v1/lists/{phase}/tasks"), HttpStatusCode.OK)).Items);
    }

    [Fact]
    public async Task Lists_nest_without_cycles_and_stay_inside_their_organisation()
    {
        var org = await app.CreateOrganizationAsync();
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        var top = await CreateListAsync(org.Admin, "Top");
        var middle = await CreateListAsync(org.Admin, "Middle", top);
        var bottom = await CreateListAsync(org.Admin, "Bottom", middle);

        var cycle = await org.Admin.Client.PatchAsJsonAsync($"/api/v1/lists/{top}", new { parentId = bottom });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(cycle, HttpStatusCode.BadRequest), "parentId"));
        await Http.ProblemAsync(await org.Admin.Client.DeleteAsync($"/api/v1/lists/{middle}"), HttpStatusCode.Conflict);
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync("/api/v1/lists", new { name = "" }), HttpStatusCode.BadRequest), "name"));

        await Http.ProblemAsync(await stranger.Client.GetAsync($"/api/v1/lists/{top}/tasks"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.PatchAsJsonAsync($"/api/v1/lists/{top}", new { name = "Mine" }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.DeleteAsync($"/api/v1/lists/{bottom}"), HttpStatusCode.NotFound);
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(await stranger.Client.PostAsJsonAsync("/api/v1/lists", new { name = "Sub", parentId = top }), HttpStatusCode.BadRequest), "parentId"));
        var theirs = await Http.ReadAsync<JsonElement>(await stranger.Client.GetAsync("/api/v1/lists"), HttpStatusCode.OK);
        Assert.Empty(theirs.GetProperty("items").EnumerateArray());
    }
}
