using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

public sealed class RegisterTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task The_register_filters_a_forms_tasks_by_field_values_step_and_status_pages_and_exports_csv()
    {
        var org = await app.CreateOrganizationAsync();
        var approver = await org.AddMemberAsync("Approver");
        var template = await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/forms", new
        {
            name = "Expense",
            fields = new object[]
            {
                new { code = "amount", type = "number", label = "Amount" },
                new { code = "city", type = "text", label = "City" },
            },
            route = new { steps = new object[] { new { approvers = new[] { approver.Id }, roles = Array.Empty<Guid>() } }, rules = Array.Empty<object>(), onReject = "close_rejected" },
        }), HttpStatusCode.Created);
        var templateId = template.GetProperty("id").GetGuid();

        var ids = new Dictionary<string, Guid>();
        foreach (var (name, amount, city) in new[] { ("a", 100, "Paris"), ("b", 2500, "Berlin"), ("c", 7000, "Paris"), ("d", 50, "=cmd|' /C calc'!A0") })
        {
            var created = await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks",
                new { title = $"Expense {name}", form = new { templateId, values = new { amount, city } } }), HttpStatusCode.Created);
            ids[name] = created.GetProperty("id").GetGuid();
        }
        await approver.Client.PostAsync($"/api/v1/tasks/{ids["c"]}/approve", null); // closes: one step

        async Task<List<string>> Titles(string query) =>
            (await Http.ReadAsync<JsonElement>(await org.Admin.Client.GetAsync($"/api/v1/forms/{templateId}/register?{query}"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).Order().ToList();

        Assert.Equal(["Expense a", "Expense c"], await Titles("f.city=Paris"));
        Assert.Equal(["Expense b", "Expense c"], await Titles("f.amount.min=1000"));
        Assert.Equal(["Expense a", "Expense d"], await Titles("f.amount.max=100"));
        Assert.Equal(["Expense c"], await Titles("status=closed"));
        Assert.Equal(["Expense a", "Expense b", "Expense d"], await Titles("step=1"));
        Assert.Equal(["Expense a"], await Titles("f.city=Paris&status=open"));

        // Keyset paging returns everything once.
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Http.ReadAsync<JsonElement>(await org.Admin.Client.GetAsync($"/api/v1/forms/{templateId}/register?limit=3{(cursor is null ? "" : "&after=" + cursor)}"), HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal(4, seen.Distinct().Count());

        var csv = await org.Admin.Client.GetAsync($"/api/v1/forms/{templateId}/register?format=csv&sort=created");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,title,created,updated,closed,step,route,Amount,City", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Contains(lines, l => l.Contains(",'=cmd|' /C calc'!A0", StringComparison.Ordinal)); // formula defused

        var bad = await org.Admin.Client.GetAsync($"/api/v1/forms/{templateId}/register?f.nope=1&f.city.min=3&status=maybe");
        var problem = await Http.ProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(problem, "f.nope"));
        Assert.NotEmpty(Http.FieldErrors(problem, "f.city.min"));
        Assert.NotEmpty(Http.FieldErrors(problem, "status"));

        // Members see only tasks they could open; other organisations see no form at all.
        Assert.Equal(["Expense a", "Expense b", "Expense c", "Expense d"], (await Http.ReadAsync<JsonElement>(
            await approver.Client.GetAsync($"/api/v1/forms/{templateId}/register"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).Order().ToList());
        var bystander = await org.AddMemberAsync();
        Assert.Empty((await Http.ReadAsync<JsonElement>(await bystander.Client.GetAsync($"/api/v1/forms/{templateId}/register"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        // A list makes its tasks visible to its members, in the register too.
        var listId = (await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/lists", new { name = "Expenses" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/lists/{listId}/members", new { userIds = new[] { bystander.Id } }), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{ids["b"]}/lists", new { listId }), HttpStatusCode.Created);
        Assert.Equal([ids["b"]], (await Http.ReadAsync<JsonElement>(await bystander.Client.GetAsync($"/api/v1/forms/{templateId}/register?f.city=Berlin"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        await Http.ProblemAsync(await stranger.Client.GetAsync($"/api/v1/forms/{templateId}/register"), HttpStatusCode.NotFound);
    }
}
