using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

/// <summary>Form tasks: values validated per step, a two-step approval route, the inbox waiting on approvers.</summary>
public sealed class FormTaskTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static async Task<Guid> CreateTemplateAsync(TestOrganization org, Guid firstApprover, Guid secondApprover, string onReject = "back_to_previous_step")
    {
        var response = await org.Admin.Client.PostAsJsonAsync("/api/v1/forms", new
        {
            name = "Purchase request",
            fields = new object[]
            {
                new { code = "amount", type = "money", label = "Amount", currency = "EUR", requiredFromStep = 1 },
                new { code = "reason", type = "text", label = "Reason", requiredFromStep = 2 },
            },
            route = new
            {
                steps = new object[]
                {
                    new { name = "Manager", approvers = new[] { firstApprover }, roles = Array.Empty<Guid>() },
                    new { name = "Finance", approvers = new[] { secondApprover }, roles = Array.Empty<Guid>() },
                },
                rules = Array.Empty<object>(),
                onReject,
            },
        });
        return (await Http.ReadAsync<JsonElement>(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> GetAsync(TestUser user, Guid id) =>
        await Http.ReadAsync<JsonElement>(await user.Client.GetAsync($"/api/v1/tasks/{id}"), HttpStatusCode.OK);

    private static async Task<List<Guid>> InboxAsync(TestUser user) =>
        (await Http.ReadAsync<JsonElement>(await user.Client.GetAsync("/api/v1/inbox"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Where(i => i.GetProperty("reason").GetString() == "approval").Select(i => i.GetProperty("id").GetGuid()).ToList();

    [Fact]
    public async Task A_form_task_goes_through_a_two_step_approval_by_two_users_and_closes()
    {
        var org = await app.CreateOrganizationAsync();
        var manager = await org.AddMemberAsync("Manager");
        var finance = await org.AddMemberAsync("Finance");
        var templateId = await CreateTemplateAsync(org, manager.Id, finance.Id);

        // Required from step 1: the amount.
        var missing = await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { form = new { templateId, values = new { } } });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(missing, HttpStatusCode.BadRequest), "fields.amount"));

        var created = await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks",
            new { form = new { templateId, values = new { amount = 1200.50m } } }), HttpStatusCode.Created);
        var taskId = created.GetProperty("id").GetGuid();
        Assert.Equal("Purchase request", created.GetProperty("title").GetString());
        Assert.Equal(1, created.GetProperty("form").GetProperty("route").GetProperty("currentStep").GetInt32());
        Assert.Equal([manager.Id], created.GetProperty("form").GetProperty("awaitingApprovalFrom").EnumerateArray().Select(a => a.GetGuid()));
        Assert.Contains(taskId, await InboxAsync(manager));
        Assert.DoesNotContain(taskId, await InboxAsync(finance));

        // The finance approver cannot act on step 1.
        await Http.ProblemAsync(await finance.Client.PostAsync($"/api/v1/tasks/{taskId}/approve", null), HttpStatusCode.NotFound); // not yet a participant: cannot even see it
        await Http.EnsureStatusAsync(await manager.Client.PostAsJsonAsync($"/api/v1/tasks/{taskId}/approve", new { text = "Fine by me" }), HttpStatusCode.Created);

        var afterStep1 = await GetAsync(org.Admin, taskId);
        Assert.Equal(2, afterStep1.GetProperty("form").GetProperty("route").GetProperty("currentStep").GetInt32());
        Assert.DoesNotContain(taskId, await InboxAsync(manager));
        Assert.Contains(taskId, await InboxAsync(finance));

        // Step 2 requires a reason before it can be approved.
        var tooEarly = await finance.Client.PostAsync($"/api/v1/tasks/{taskId}/approve", null);
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(tooEarly, HttpStatusCode.BadRequest), "fields.reason"));
        await Http.EnsureStatusAsync(await org.Admin.Client.PatchAsJsonAsync($"/api/v1/tasks/{taskId}/form", new { values = new { reason = "New laptops" } }), HttpStatusCode.Created);
        await Http.ProblemAsync(await manager.Client.PostAsync($"/api/v1/tasks/{taskId}/approve", null), HttpStatusCode.Forbidden);
        await Http.EnsureStatusAsync(await finance.Client.PostAsync($"/api/v1/tasks/{taskId}/approve", null), HttpStatusCode.Created);

        var done = await GetAsync(org.Admin, taskId);
        Assert.Equal("approved", done.GetProperty("form").GetProperty("route").GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("closedAt").ValueKind);
        Assert.Empty(await InboxAsync(finance));
        var kinds = done.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["created", "approved", "changed", "approved"], kinds);
        var fieldChange = done.GetProperty("comments")[2].GetProperty("changes")[0];
        Assert.Equal("fields.reason", fieldChange.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_rejection_sends_the_task_back_and_the_template_version_stays_pinned()
    {
        var org = await app.CreateOrganizationAsync();
        var manager = await org.AddMemberAsync("Manager");
        var finance = await org.AddMemberAsync("Finance");
        var templateId = await CreateTemplateAsync(org, manager.Id, finance.Id);
        var taskId = (await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks",
            new { form = new { templateId, values = new { amount = 10, reason = "x" } } }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await manager.Client.PostAsync($"/api/v1/tasks/{taskId}/approve", null);
        await Http.EnsureStatusAsync(await finance.Client.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reject", new { text = "Over budget" }), HttpStatusCode.Created);

        var rejected = await GetAsync(org.Admin, taskId);
        Assert.Equal(1, rejected.GetProperty("form").GetProperty("route").GetProperty("currentStep").GetInt32());
        Assert.Contains(taskId, await InboxAsync(manager));

        // A new template version (a field removed) does not change the task's pinned version.
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/forms/{templateId}")
        {
            Content = JsonContent.Create(new { name = "Purchase request v2", fields = new object[] { new { code = "amount", type = "money", label = "Amount", currency = "EUR" } } }),
        };
        await Http.EnsureStatusAsync(await org.Admin.Client.SendAsync(update), HttpStatusCode.OK);
        var after = await GetAsync(org.Admin, taskId);
        Assert.Equal(1, after.GetProperty("form").GetProperty("templateVersion").GetInt32());
        Assert.Equal("x", after.GetProperty("form").GetProperty("values").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Form_values_are_validated_and_a_plain_task_has_no_route()
    {
        var org = await app.CreateOrganizationAsync();
        var manager = await org.AddMemberAsync();
        var templateId = await CreateTemplateAsync(org, manager.Id, manager.Id);
        var taskId = (await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks",
            new { form = new { templateId, values = new { amount = 5 } } }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var wrongType = await org.Admin.Client.PatchAsJsonAsync($"/api/v1/tasks/{taskId}/form", new { values = new { amount = "lots" } });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(wrongType, HttpStatusCode.BadRequest), "fields.amount"));
        await Http.ProblemAsync(await org.Admin.Client.PatchAsJsonAsync($"/api/v1/tasks/{taskId}/form", new { values = new { amount = 5 } }), HttpStatusCode.Conflict);

        var plain = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "No form" }), HttpStatusCode.Created);
        await Http.ProblemAsync(await org.Admin.Client.PostAsync($"/api/v1/tasks/{plain.Id}/approve", null), HttpStatusCode.Conflict);
        await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { form = new { templateId = Guid.NewGuid() } }), HttpStatusCode.BadRequest);
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        await Http.ProblemAsync(await stranger.Client.PostAsJsonAsync("/api/v1/tasks", new { form = new { templateId, values = new { amount = 1 } } }), HttpStatusCode.BadRequest);
    }
}
