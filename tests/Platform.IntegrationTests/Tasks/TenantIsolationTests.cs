using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

/// <summary>
/// Every task endpoint, called with another tenant's ids and as a same-tenant user who does not
/// take part: always 404 (never the data, never a hint that the id exists).
/// </summary>
public sealed class TenantIsolationTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task Other_organisations_and_non_participants_get_not_found_on_every_task_endpoint()
    {
        var owner = await app.CreateOrganizationAsync();
        var colleague = await owner.AddMemberAsync();
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        var task = await Http.ReadAsync<TaskDto>(await owner.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Secret plan" }), HttpStatusCode.Created);

        foreach (var outsider in new[] { stranger, colleague })
        {
            await Http.ProblemAsync(await outsider.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.NotFound);
            await Http.ProblemAsync(await outsider.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text = "let me in" }), HttpStatusCode.NotFound);
            var list = await outsider.Client.GetFromJsonAsync<TaskListDto>("/api/v1/tasks");
            Assert.DoesNotContain(list!.Items, t => t.Id == task.Id);
        }

        var unchanged = await owner.Admin.Client.GetFromJsonAsync<TaskDto>($"/api/v1/tasks/{task.Id}");
        Assert.DoesNotContain(unchanged!.Comments, c => c.Kind == "comment");
    }

    [Fact]
    public async Task Form_tasks_registers_and_form_access_stay_inside_the_organisation_and_the_forms_rights()
    {
        var owner = await app.CreateOrganizationAsync();
        var creator = await owner.AddMemberAsync();
        var colleague = await owner.AddMemberAsync();
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        var templateId = (await Http.ReadAsync<System.Text.Json.JsonElement>(await owner.Admin.Client.PostAsJsonAsync("/api/v1/forms", new
        {
            name = "Payroll change",
            fields = new object[] { new { code = "salary", type = "money", label = "Salary", currency = "EUR" } },
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Http.EnsureStatusAsync(await owner.Admin.Client.PutAsJsonAsync($"/api/v1/forms/{templateId}/access",
            new { creators = new { users = new[] { creator.Id } } }), HttpStatusCode.OK);
        var task = await Http.ReadAsync<TaskDto>(await creator.Client.PostAsJsonAsync("/api/v1/tasks",
            new { form = new { templateId, values = new { salary = 5000 } } }), HttpStatusCode.Created);

        // Another organisation: the form does not exist for it.
        await Http.ProblemAsync(await stranger.Client.GetAsync($"/api/v1/forms/{templateId}/register"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.GetAsync($"/api/v1/forms/{templateId}/access"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.PostAsJsonAsync("/api/v1/tasks", new { form = new { templateId, values = new { salary = 1 } } }), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await stranger.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.NotFound);
        // The same organisation without a right on the form: refused, and the task stays invisible.
        await Http.ProblemAsync(await colleague.Client.GetAsync($"/api/v1/forms/{templateId}/register?format=csv"), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await colleague.Client.PostAsJsonAsync("/api/v1/tasks", new { form = new { templateId, values = new { salary = 1 } } }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await colleague.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await colleague.Client.PatchAsJsonAsync($"/api/v1/tasks/{task.Id}/form", new { values = new { salary = 9000 } }), HttpStatusCode.NotFound);
        // The organisation's admin manages every form: sees the task in the register and opens it.
        var register = await Http.ReadAsync<System.Text.Json.JsonElement>(await owner.Admin.Client.GetAsync($"/api/v1/forms/{templateId}/register"), HttpStatusCode.OK);
        Assert.Equal([task.Id], register.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        await Http.EnsureStatusAsync(await owner.Admin.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_problems_from_every_api_endpoint()
    {
        var anonymous = app.CreateClient();
        var id = Guid.NewGuid();
        foreach (var (method, path) in new[]
                 {
                     ("GET", "/api/v1/tasks"), ("POST", "/api/v1/tasks"), ("GET", $"/api/v1/tasks/{id}"),
                     ("POST", $"/api/v1/tasks/{id}/comments"), ("GET", "/api/v1/me"), ("GET", "/api/v1/users"),
                     ("POST", "/api/v1/users"), ("GET", "/api/v1/events"), ("POST", "/api/v1/auth/logout"),
                 })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
                request.Content = JsonContent.Create(new { });
            await Http.ProblemAsync(await anonymous.SendAsync(request), HttpStatusCode.Unauthorized);
        }
    }
}
