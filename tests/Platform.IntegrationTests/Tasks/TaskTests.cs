using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

public sealed class TaskTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task Creating_assigning_and_commenting_are_all_recorded_in_the_tasks_comment_stream()
    {
        var org = await app.CreateOrganizationAsync();
        var bob = await org.AddMemberAsync("Bob");

        var created = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks",
            new { title = "  Prepare the budget  ", description = "Q3 numbers", assigneeId = bob.Id }), HttpStatusCode.Created);
        Assert.Equal("Prepare the budget", created.Title);
        Assert.Equal(bob.Id, created.AssigneeId);
        Assert.Equal(new[] { org.Admin.Id, bob.Id }.Order(), created.ParticipantIds.Order());

        var comment = await Http.ReadAsync<CommentDto>(await bob.Client.PostAsJsonAsync($"/api/v1/tasks/{created.Id}/comments", new { text = "On it" }), HttpStatusCode.Created);
        Assert.Equal(bob.Id, comment.AuthorId);

        var task = await org.Admin.Client.GetFromJsonAsync<TaskDto>($"/api/v1/tasks/{created.Id}");
        Assert.Equal(["created", "assigned", "comment"], task!.Comments.Select(c => c.Kind).ToArray());
        Assert.Equal(bob.Id.ToString(), task.Comments[1].Text);
        Assert.Equal("On it", task.Comments[2].Text);
        Assert.True(task.UpdatedAt >= comment.CreatedAt);
    }

    [Fact]
    public async Task Invalid_input_is_answered_with_field_errors_and_nothing_is_created()
    {
        var org = await app.CreateOrganizationAsync();
        var outsider = await app.CreateOrganizationAsync();

        var noTitle = await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "   " });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(noTitle, HttpStatusCode.BadRequest), "title"));

        var tooLong = await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = new string('x', 501) });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(tooLong, HttpStatusCode.BadRequest), "title"));

        // An assignee from another organisation reads exactly like an unknown one.
        var foreignAssignee = await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "T", assigneeId = outsider.Admin.Id });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(foreignAssignee, HttpStatusCode.BadRequest), "assigneeId"));

        var brokenJson = await org.Admin.Client.PostAsync("/api/v1/tasks", new StringContent("{\"title\":", System.Text.Encoding.UTF8, "application/json"));
        var problem = await Http.ProblemAsync(brokenJson, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var list = await org.Admin.Client.GetFromJsonAsync<TaskListDto>("/api/v1/tasks");
        Assert.Empty(list!.Items);
    }

    [Fact]
    public async Task The_task_list_pages_by_cursor_newest_activity_first_without_gaps_or_repeats()
    {
        var org = await app.CreateOrganizationAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
            ids.Add((await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = $"Task {i}" }), HttpStatusCode.Created)).Id);
        // Activity moves a task to the top.
        await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{ids[0]}/comments", new { text = "bump" });

        var seen = new List<TaskSummaryDto>();
        string? cursor = null;
        do
        {
            var page = await org.Admin.Client.GetFromJsonAsync<TaskListDto>($"/api/v1/tasks?limit=3{(cursor is null ? "" : $"&after={cursor}")}");
            Assert.True(page!.Items.Count <= 3);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Select(t => t.Id).Distinct().Count());
        Assert.Equal(ids[0], seen[0].Id);
        Assert.Equal(1, seen[0].CommentCount);
        Assert.Equal(seen.OrderByDescending(t => t.UpdatedAt).Select(t => t.Id), seen.Select(t => t.Id));

        await Http.ProblemAsync(await org.Admin.Client.GetAsync("/api/v1/tasks?after=not-a-cursor"), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await org.Admin.Client.GetAsync("/api/v1/tasks?limit=0"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_task_change_writes_its_integration_event_to_the_outbox_in_the_same_transaction()
    {
        var org = await app.CreateOrganizationAsync();
        var task = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Outboxed" }), HttpStatusCode.Created);

        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT type, payload->>'taskId' FROM tasks.outbox_messages WHERE payload->>'taskId' = @id", connection);
        command.Parameters.AddWithValue("id", task.Id.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("Platform.Modules.Tasks.Contracts.TaskCreated", reader.GetString(0));
    }
}
