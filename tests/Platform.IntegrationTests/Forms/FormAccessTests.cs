using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Forms;

/// <summary>Per-form access rights: creators (users or roles) and managers, enforced on create, register and task reads.</summary>
public sealed class FormAccessTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static async Task<Guid> CreateFormAsync(TestOrganization org, string name = "Expense claim") =>
        (await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/forms", new
        {
            name,
            fields = new object[] { new { code = "amount", type = "number", label = "Amount" } },
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static Task<HttpResponseMessage> CreateTaskAsync(TestUser user, Guid templateId, int amount) =>
        user.Client.PostAsJsonAsync("/api/v1/tasks", new { title = $"Claim {amount}", form = new { templateId, values = new { amount } } });

    private static async Task<List<string>> RegisterTitlesAsync(TestUser user, Guid templateId) =>
        (await Http.ReadAsync<JsonElement>(await user.Client.GetAsync($"/api/v1/forms/{templateId}/register"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).Order().ToList();

    private static Task<HttpResponseMessage> PutAccessAsync(TestUser user, Guid templateId, object access) =>
        user.Client.PutAsJsonAsync($"/api/v1/forms/{templateId}/access", access);

    [Fact]
    public async Task Creators_by_user_or_role_create_managers_see_every_task_and_everyone_else_is_refused()
    {
        var org = await app.CreateOrganizationAsync();
        var accountant = await org.AddMemberAsync("Accountant");
        var direct = await org.AddMemberAsync("Named creator");
        var manager = await org.AddMemberAsync("Manager");
        var bystander = await org.AddMemberAsync("Bystander");
        var role = await org.Admin.CreateRoleAsync("Accountants");
        await Http.EnsureStatusAsync(await org.Admin.Client.PutAsync($"/api/v1/roles/{role.Id}/members/{accountant.Id}", null), HttpStatusCode.NoContent);
        var templateId = await CreateFormAsync(org);

        // Open by default: every member may create, nobody but admins manages.
        var open = await Http.ReadAsync<JsonElement>(await bystander.Client.GetAsync($"/api/v1/forms/{templateId}"), HttpStatusCode.OK);
        Assert.True(open.GetProperty("canCreate").GetBoolean());
        Assert.False(open.GetProperty("canManage").GetBoolean());
        await Http.EnsureStatusAsync(await CreateTaskAsync(bystander, templateId, 1), HttpStatusCode.Created);

        var saved = await Http.ReadAsync<JsonElement>(await PutAccessAsync(org.Admin, templateId, new
        {
            creators = new { users = new[] { direct.Id }, roles = new[] { role.Id } },
            managers = new { users = new[] { manager.Id }, roles = Array.Empty<Guid>() },
        }), HttpStatusCode.OK);
        Assert.Equal([role.Id], saved.GetProperty("creators").GetProperty("roles").EnumerateArray().Select(r => r.GetGuid()));
        var read = await Http.ReadAsync<JsonElement>(await bystander.Client.GetAsync($"/api/v1/forms/{templateId}/access"), HttpStatusCode.OK);
        Assert.Equal([manager.Id], read.GetProperty("managers").GetProperty("users").EnumerateArray().Select(r => r.GetGuid()));

        // Create: the named user and the role's member may; a bystander and a manager may not.
        var byAccountant = await Http.ReadAsync<TaskDto>(await CreateTaskAsync(accountant, templateId, 10), HttpStatusCode.Created);
        await Http.EnsureStatusAsync(await CreateTaskAsync(direct, templateId, 20), HttpStatusCode.Created);
        await Http.ProblemAsync(await CreateTaskAsync(bystander, templateId, 30), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await CreateTaskAsync(manager, templateId, 40), HttpStatusCode.Forbidden);
        await Http.EnsureStatusAsync(await CreateTaskAsync(org.Admin, templateId, 50), HttpStatusCode.Created); // admins hold every right

        // The list says what the caller may do.
        var list = await Http.ReadAsync<JsonElement>(await bystander.Client.GetAsync("/api/v1/forms"), HttpStatusCode.OK);
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == templateId);
        Assert.False(item.GetProperty("canCreate").GetBoolean());
        var asManager = (await Http.ReadAsync<JsonElement>(await manager.Client.GetAsync("/api/v1/forms"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == templateId);
        Assert.True(asManager.GetProperty("canManage").GetBoolean());

        // Register: managers see every task, creators the tasks they take part in, others are refused.
        Assert.Equal(["Claim 1", "Claim 10", "Claim 20", "Claim 50"], await RegisterTitlesAsync(manager, templateId));
        Assert.Equal(["Claim 10"], await RegisterTitlesAsync(accountant, templateId));
        await Http.ProblemAsync(await bystander.Client.GetAsync($"/api/v1/forms/{templateId}/register"), HttpStatusCode.Forbidden);

        // Opening a task: a manager may (and by commenting joins it); a fellow creator may not.
        var seen = await Http.ReadAsync<JsonElement>(await manager.Client.GetAsync($"/api/v1/tasks/{byAccountant.Id}"), HttpStatusCode.OK);
        Assert.DoesNotContain(manager.Id, seen.GetProperty("participantIds").EnumerateArray().Select(p => p.GetGuid()));
        await Http.ProblemAsync(await direct.Client.GetAsync($"/api/v1/tasks/{byAccountant.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await bystander.Client.PostAsJsonAsync($"/api/v1/tasks/{byAccountant.Id}/comments", new { text = "peek" }), HttpStatusCode.NotFound);
        await Http.EnsureStatusAsync(await manager.Client.PostAsJsonAsync($"/api/v1/tasks/{byAccountant.Id}/comments", new { text = "Checked" }), HttpStatusCode.Created);

        // Taking a role away takes the right away.
        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/roles/{role.Id}/members/{accountant.Id}"), HttpStatusCode.NoContent);
        await Http.ProblemAsync(await CreateTaskAsync(accountant, templateId, 60), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Access_rights_name_only_the_organisations_people_and_roles_and_only_admins_change_them()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var templateId = await CreateFormAsync(org);
        var other = await app.CreateOrganizationAsync();
        var foreignRole = await other.Admin.CreateRoleAsync("Theirs");

        var invalid = await Http.ProblemAsync(await PutAccessAsync(org.Admin, templateId, new
        {
            creators = new { users = new[] { other.Admin.Id }, roles = new[] { foreignRole.Id } },
            managers = new { users = new[] { Guid.Empty } },
        }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(invalid, "managers.users"));
        var unknown = await Http.ProblemAsync(await PutAccessAsync(org.Admin, templateId, new
        {
            creators = new { users = new[] { other.Admin.Id }, roles = new[] { foreignRole.Id } },
        }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(unknown, "creators.users"));
        Assert.NotEmpty(Http.FieldErrors(unknown, "creators.roles"));

        await Http.ProblemAsync(await PutAccessAsync(member, templateId, new { creators = new { users = new[] { member.Id } } }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await PutAccessAsync(other.Admin, templateId, new { creators = new { users = new[] { other.Admin.Id } } }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await other.Admin.Client.GetAsync($"/api/v1/forms/{templateId}/access"), HttpStatusCode.NotFound);

        // Nothing was stored by the refused requests: the form is still open to every member.
        var access = await Http.ReadAsync<JsonElement>(await member.Client.GetAsync($"/api/v1/forms/{templateId}/access"), HttpStatusCode.OK);
        Assert.Empty(access.GetProperty("creators").GetProperty("users").EnumerateArray());
        await Http.EnsureStatusAsync(await CreateTaskAsync(member, templateId, 1), HttpStatusCode.Created);
    }
}
