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
