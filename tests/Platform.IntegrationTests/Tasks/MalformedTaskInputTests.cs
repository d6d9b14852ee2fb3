using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

/// <summary>Bodies read by hand and text PostgreSQL cannot store answer 400 problems, never 500 (issue #9).</summary>
public sealed class MalformedTaskInputTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    public static TheoryData<string, string> BadBodies()
    {
        var data = new TheoryData<string, string>();
        // Deeper than System.Text.Json's default limit of 64, inside a property the reader must skip.
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        foreach (var action in new[] { "close", "reopen", "approve", "reject", "revoke", "re-request" })
            foreach (var body in new[] { "{", "[]", "\"x\"", "123", deep, "{\"text\":123}", "{\"text\":\"a\\u0000b\"}" })
                data.Add(action, body);
        return data;
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task An_unreadable_optional_body_is_a_400_problem_naming_the_body(string action, string body)
    {
        var org = await app.CreateOrganizationAsync();
        var created = await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Target" });
        var task = await Http.ReadAsync<System.Text.Json.JsonElement>(created, HttpStatusCode.Created);
        var id = task.GetProperty("id").GetGuid();

        var response = await org.Admin.Client.PostAsync($"/api/v1/tasks/{id}/{action}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(problem, "body"));
    }

    [Fact]
    public async Task A_title_with_NUL_is_refused_with_a_400_problem_and_nothing_is_stored()
    {
        var org = await app.CreateOrganizationAsync();
        var response = await org.Admin.Client.PostAsync("/api/v1/tasks", new StringContent("{\"title\":\"a\\u0000b\"}", Encoding.UTF8, "application/json"));

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("NUL", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_patch_with_NUL_in_a_text_is_refused_with_a_400_problem_and_the_task_is_unchanged()
    {
        var org = await app.CreateOrganizationAsync();
        var created = await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Kept" });
        var id = (await Http.ReadAsync<System.Text.Json.JsonElement>(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{id}") { Content = new StringContent("{\"title\":\"a\\u0000b\"}", Encoding.UTF8, "application/json") };
        var problem = await Http.ProblemAsync(await org.Admin.Client.SendAsync(patch), HttpStatusCode.BadRequest);

        Assert.Contains("$.title", problem.GetProperty("detail").GetString());
        var stored = await Http.ReadAsync<System.Text.Json.JsonElement>(await org.Admin.Client.GetAsync($"/api/v1/tasks/{id}"), HttpStatusCode.OK);
        Assert.Equal("Kept", stored.GetProperty("title").GetString());
    }
}
