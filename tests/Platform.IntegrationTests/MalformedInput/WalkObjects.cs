using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.MalformedInput;

/// <summary>
/// Real objects of one organisation for the walk's path parameters, so a "valid path, bad body"
/// request passes routing and lookups and its body really gets read. Keyed by the path segment
/// before the parameter (<c>/tasks/{id}</c> → a task); a new kind of resource needs one line here,
/// and the walk fails naming the parameter until it has it.
/// </summary>
public sealed class WalkObjects
{
    private readonly Dictionary<string, string> _bySegment = new(StringComparer.Ordinal);

    public required TestUser Admin { get; init; }

    public required TestUser Member { get; init; }

    public static async Task<WalkObjects> CreateAsync(TestOrganization org)
    {
        var member = await org.AddMemberAsync("Walk member");
        var objects = new WalkObjects { Admin = org.Admin, Member = member };
        var admin = org.Admin.Client;
        var task = await IdAsync(admin.PostAsJsonAsync("/api/v1/tasks", new { title = "Walked task" }));
        await SucceedsAsync(admin.PostAsJsonAsync($"/api/v1/tasks/{task}/participants", new { userIds = new[] { member.Id } }));
        var list = await IdAsync(admin.PostAsJsonAsync("/api/v1/lists", new { name = "Walked list" }));
        await SucceedsAsync(admin.PostAsJsonAsync($"/api/v1/lists/{list}/members", new { userIds = new[] { member.Id } }));
        var form = await IdAsync(admin.PostAsJsonAsync("/api/v1/forms", new
        {
            name = "Walked form",
            fields = new object[] { new { code = "amount", type = "number", label = "Amount" } },
        }));
        var catalog = await IdAsync(admin.PostAsJsonAsync("/api/v1/catalogs", new
        {
            name = "Walked catalog", headers = new[] { new { name = "Key" } }, items = new[] { new { values = (string[])["a"] } },
        }));
        var file = await IdAsync(admin.PostAsync("/api/v1/files?name=walk.txt", new ByteArrayContent("walk"u8.ToArray())));
        var department = await IdAsync(admin.PostAsJsonAsync("/api/v1/departments", new { name = "Walked department" }));
        var role = await IdAsync(admin.PostAsJsonAsync("/api/v1/roles", new { name = "Walked role" }));
        var bot = await IdAsync(admin.PostAsJsonAsync("/api/v1/bots", new { displayName = "Walked bot" }));
        // Disabled: no reader connects to it (port 1 refuses at once if "test" is walked).
        var mailbox = await IdAsync(admin.PostAsJsonAsync("/api/v1/mail/integrations", new
        {
            name = "Walked mailbox", enabled = false, address = "walk@example.test", responsibleId = org.Admin.Id,
            imap = new { host = "127.0.0.1", port = 1, security = "none", user = "walk", password = "walk" },
        }));

        var ids = new Dictionary<string, object>
        {
            ["tasks"] = task, ["lists"] = list, ["forms"] = form, ["catalogs"] = catalog, ["files"] = file,
            ["departments"] = department, ["roles"] = role, ["bots"] = bot, ["integrations"] = mailbox,
            // No API makes an outgoing message (only a comment by e-mail on a mail task): an unknown one answers 404.
            ["outgoing"] = Guid.NewGuid(),
            // People in a path are the member: the one the admin manages and the member may act as.
            ["users"] = member.Id, ["members"] = member.Id, ["participants"] = member.Id, ["subscribers"] = member.Id,
            ["versions"] = 1, ["pages"] = 1,
        };
        foreach (var (segment, id) in ids)
            objects._bySegment[segment] = id.ToString()!;
        return objects;
    }

    /// <summary>The real value for a path parameter, or null when the walk has none for it.</summary>
    public string? PathValue(ApiOperation op, ApiParameter parameter)
    {
        var segments = op.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(segments, "{" + parameter.Name + "}");
        return at > 0 && _bySegment.TryGetValue(segments[at - 1], out var value) ? value : null;
    }

    private static async Task SucceedsAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<Guid> IdAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await Http.ReadAsync<JsonElement>(response, HttpStatusCode.Created);
        return body.TryGetProperty("id", out var id) ? id.GetGuid()
            : body.EnumerateObject().First(p => p.Name.EndsWith("Id", StringComparison.Ordinal)).Value.GetGuid();
    }
}
