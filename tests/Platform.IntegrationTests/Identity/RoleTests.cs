using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

/// <summary>Roles (named groups such as "Accountants") and the directory lookups other modules use.</summary>
public sealed class RoleTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task Roles_are_created_renamed_filled_and_deleted_and_the_directory_sees_their_members()
    {
        var org = await app.CreateOrganizationAsync();
        var mia = await org.AddMemberAsync("Mia");
        var max = await org.AddMemberAsync("Max");
        var accountants = await org.Admin.CreateRoleAsync("Accountants");
        var auditors = await org.Admin.CreateRoleAsync("Auditors");

        var duplicate = await org.Admin.Client.PostAsJsonAsync("/api/v1/roles", new { name = "  accountants " });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(duplicate, HttpStatusCode.BadRequest), "name"));
        var empty = await org.Admin.Client.PostAsJsonAsync("/api/v1/roles", new { name = "" });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(empty, HttpStatusCode.BadRequest), "name"));

        foreach (var (role, user) in new[] { (accountants, mia), (accountants, max), (auditors, mia) })
            await Http.EnsureStatusAsync(await org.Admin.Client.PutAsync($"/api/v1/roles/{role.Id}/members/{user.Id}", null), HttpStatusCode.NoContent);

        var details = await Http.ReadAsync<RoleDto>(await mia.Client.GetAsync($"/api/v1/roles/{accountants.Id}"), HttpStatusCode.OK);
        Assert.Equal(["Max", "Mia"], details.Members.Select(m => m.Name));
        Assert.Equal(
            new[] { mia.Id, max.Id }.Order(),
            (await app.DirectoryAsync(d => d.GetRoleMembersAsync(org.Id, accountants.Id, default))).Order());
        Assert.Equal(
            new[] { accountants.Id, auditors.Id }.Order(),
            (await app.DirectoryAsync(d => d.GetRolesOfUserAsync(org.Id, mia.Id, default))).Order());

        var renamed = await Http.ReadAsync<RoleDto>(
            await org.Admin.Client.PutAsJsonAsync($"/api/v1/roles/{accountants.Id}", new { name = "Bookkeepers" }), HttpStatusCode.OK);
        Assert.Equal("Bookkeepers", renamed.Name);
        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/roles/{accountants.Id}/members/{max.Id}"), HttpStatusCode.NoContent);
        Assert.Equal([mia.Id], await app.DirectoryAsync(d => d.GetRoleMembersAsync(org.Id, accountants.Id, default)));

        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/roles/{auditors.Id}"), HttpStatusCode.NoContent);
        Assert.Equal([accountants.Id], await app.DirectoryAsync(d => d.GetRolesOfUserAsync(org.Id, mia.Id, default)));
        var list = await max.Client.GetFromJsonAsync<RoleListDto>("/api/v1/roles");
        var only = Assert.Single(list!.Items);
        Assert.Equal((accountants.Id, "Bookkeepers"), (only.Id, only.Name));
        Assert.Equal([mia.Id], only.MemberIds);
    }

    [Fact]
    public async Task The_directory_finds_members_by_email_ignoring_case_and_never_across_organisations()
    {
        var org = await app.CreateOrganizationAsync();
        var mia = await org.AddMemberAsync("Mia");
        var bot = await org.Admin.CreateBotAsync("Mailer");
        var other = await app.CreateOrganizationAsync();

        var found = await app.DirectoryAsync(d => d.FindByEmailsAsync(
            org.Id, [mia.Email.ToUpperInvariant(), $"  {org.Admin.Email} ", other.Admin.Email, "nobody@example.test", ""], default));
        Assert.Equal(new[] { org.Admin.Id, mia.Id }.Order(), found.Select(u => u.Id).Order());
        Assert.All(found, u => Assert.Equal(org.Id, u.OrganizationId));

        var summary = await app.DirectoryAsync(d => d.FindAsync(org.Id, bot.Id, default));
        Assert.True(summary!.IsBot);
        Assert.Equal("", summary.Email);
        Assert.Null(await app.DirectoryAsync(d => d.FindAsync(other.Id, mia.Id, default)));
        Assert.Empty(await app.DirectoryAsync(d => d.GetRolesOfUserAsync(other.Id, mia.Id, default)));
    }

    [Fact]
    public async Task Members_read_roles_only_admins_change_them_and_other_organisations_get_404()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var role = await org.Admin.CreateRoleAsync("Approvers");
        var other = await app.CreateOrganizationAsync();
        var theirs = await other.Admin.CreateRoleAsync("Their approvers");

        await Http.EnsureStatusAsync(await member.Client.GetAsync($"/api/v1/roles/{role.Id}"), HttpStatusCode.OK);
        await Http.ProblemAsync(await member.Client.PostAsJsonAsync("/api/v1/roles", new { name = "Mine" }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.PutAsJsonAsync($"/api/v1/roles/{role.Id}", new { name = "Mine" }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.DeleteAsync($"/api/v1/roles/{role.Id}"), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.PutAsync($"/api/v1/roles/{role.Id}/members/{member.Id}", null), HttpStatusCode.Forbidden);

        var client = org.Admin.Client;
        await Http.ProblemAsync(await client.GetAsync($"/api/v1/roles/{theirs.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await client.PutAsJsonAsync($"/api/v1/roles/{theirs.Id}", new { name = "Mine" }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await client.DeleteAsync($"/api/v1/roles/{theirs.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await client.PutAsync($"/api/v1/roles/{theirs.Id}/members/{member.Id}", null), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await client.DeleteAsync($"/api/v1/roles/{theirs.Id}/members/{member.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await client.PutAsync($"/api/v1/roles/{role.Id}/members/{other.Admin.Id}", null), HttpStatusCode.NotFound);
        Assert.Empty(await app.DirectoryAsync(d => d.GetRoleMembersAsync(org.Id, theirs.Id, default)));
        Assert.Equal("Their approvers", (await other.Admin.Client.GetFromJsonAsync<RoleDto>($"/api/v1/roles/{theirs.Id}"))!.Name);
    }
}
