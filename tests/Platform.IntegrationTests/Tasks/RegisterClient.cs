using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

/// <summary>A form and its register, read through the API as one user.</summary>
internal sealed class RegisterClient(Guid templateId)
{
    public Guid TemplateId { get; } = templateId;

    public static async Task<RegisterClient> CreateFormAsync(TestUser admin, params object[] fields)
    {
        var template = await Http.ReadAsync<JsonElement>(await admin.Client.PostAsJsonAsync("/api/v1/forms", new { name = "Register " + Guid.NewGuid().ToString("N")[..6], fields }),
            HttpStatusCode.Created);
        return new RegisterClient(template.GetProperty("id").GetGuid());
    }

    public async Task<Guid> CreateTaskAsync(TestUser author, string title, object values, Guid? assigneeId = null) =>
        (await Http.ReadAsync<JsonElement>(await author.Client.PostAsJsonAsync("/api/v1/tasks",
            new { title, assigneeId, form = new { templateId = TemplateId, values } }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    public async Task<JsonElement> PageAsync(TestUser user, string query) =>
        await Http.ReadAsync<JsonElement>(await user.Client.GetAsync($"/api/v1/forms/{TemplateId}/register?{query}"), HttpStatusCode.OK);

    /// <summary>The titles of one page, in the order the register returned them.</summary>
    public async Task<List<string>> TitlesAsync(TestUser user, string query) =>
        (await PageAsync(user, query)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    /// <summary>Every title, following <c>nextCursor</c> page by page of <paramref name="limit"/> rows.</summary>
    public async Task<List<string>> AllTitlesAsync(TestUser user, string query, int limit)
    {
        var titles = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await PageAsync(user, $"{query}&limit={limit}{(cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor))}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= limit);
            titles.AddRange(items.Select(i => i.GetProperty("title").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            if (cursor is null)
                return titles;
            Assert.Equal(limit, items.Count); // a cursor only after a full page
        }
        throw new InvalidOperationException("The register kept returning cursors.");
    }

    /// <summary>Task ids by title, as the register shows them to <paramref name="user"/>.</summary>
    public async Task<Dictionary<string, Guid>> IdsByTitleAsync(TestUser user) =>
        (await PageAsync(user, "limit=200")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("title").GetString()!, i => i.GetProperty("id").GetGuid());

    public async Task<JsonElement> ProblemAsync(TestUser user, string query) =>
        await Http.ProblemAsync(await user.Client.GetAsync($"/api/v1/forms/{TemplateId}/register?{query}"), HttpStatusCode.BadRequest);
}
