using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

/// <summary>Member profiles: who may edit what, validation per field, the admin flag's guard.</summary>
public sealed class ProfileTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task A_member_edits_their_own_profile_and_empty_strings_clear_optional_fields()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync("Mia Member");

        var patched = await Http.ReadAsync<UserProfileDto>(await member.Client.PatchAsJsonAsync($"/api/v1/users/{member.Id}", new
        {
            displayName = "  Mia Martin ",
            position = "Chief accountant",
            phone = "+49 30 1234-567",
            timeZone = "Europe/Berlin",
            locale = "de-DE",
        }), HttpStatusCode.OK);
        Assert.Equal(("Mia Martin", "Chief accountant", "+49 30 1234-567", "Europe/Berlin", "de-DE"),
            (patched.DisplayName, patched.Position, patched.Phone, patched.TimeZone, patched.Locale));
        Assert.False(patched.IsAdmin);

        // Everyone in the organisation reads it.
        var seenByAdmin = await org.Admin.GetProfileAsync(member.Id);
        Assert.Equal("Europe/Berlin", seenByAdmin.TimeZone);
        Assert.Equal(member.Email, seenByAdmin.Email);

        // Left out = unchanged, "" = cleared.
        var cleared = await Http.ReadAsync<UserProfileDto>(
            await member.Client.PatchAsJsonAsync($"/api/v1/users/{member.Id}", new { position = "", timeZone = "" }), HttpStatusCode.OK);
        Assert.Null(cleared.Position);
        Assert.Null(cleared.TimeZone);
        Assert.Equal("de-DE", cleared.Locale);
        Assert.Equal("Mia Martin", cleared.DisplayName);
    }

    [Fact]
    public async Task Bad_values_are_refused_per_field()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();

        var bad = await member.Client.PatchAsJsonAsync($"/api/v1/users/{member.Id}", new
        {
            displayName = " ",
            position = new string('x', 201),
            phone = "call me maybe",
            timeZone = "Mars/Olympus_Mons",
            locale = "xx-notalocale-really",
        });
        var problem = await Http.ProblemAsync(bad, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "displayName", "position", "phone", "timeZone", "locale" })
            Assert.NotEmpty(Http.FieldErrors(problem, field));

        // Windows ids are refused: the profile holds IANA ids only.
        var windows = await member.Client.PatchAsJsonAsync($"/api/v1/users/{member.Id}", new { timeZone = "W. Europe Standard Time" });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(windows, HttpStatusCode.BadRequest), "timeZone"));

        Assert.Null((await member.GetProfileAsync(member.Id)).TimeZone);
    }

    [Fact]
    public async Task Members_edit_only_themselves_and_only_admins_change_the_admin_flag()
    {
        var org = await app.CreateOrganizationAsync();
        var mia = await org.AddMemberAsync("Mia");
        var max = await org.AddMemberAsync("Max");

        await Http.ProblemAsync(await mia.Client.PatchAsJsonAsync($"/api/v1/users/{max.Id}", new { displayName = "Hacked" }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await mia.Client.PatchAsJsonAsync($"/api/v1/users/{mia.Id}", new { isAdmin = true }), HttpStatusCode.Forbidden);
        // Sending the unchanged value back is fine (clients echo the whole profile).
        await Http.EnsureStatusAsync(await mia.Client.PatchAsJsonAsync($"/api/v1/users/{mia.Id}", new { isAdmin = false, position = "Clerk" }), HttpStatusCode.OK);
        Assert.Equal("Max", (await max.GetProfileAsync(max.Id)).DisplayName);

        // The admin edits anyone, and makes Mia an admin; her existing token carries it at once.
        await Http.ProblemAsync(await mia.Client.PostAsJsonAsync("/api/v1/roles", new { name = "Auditors" }), HttpStatusCode.Forbidden);
        var promoted = await Http.ReadAsync<UserProfileDto>(
            await org.Admin.Client.PatchAsJsonAsync($"/api/v1/users/{mia.Id}", new { isAdmin = true, displayName = "Mia (admin)" }), HttpStatusCode.OK);
        Assert.True(promoted.IsAdmin);
        await Http.EnsureStatusAsync(await mia.Client.PostAsJsonAsync("/api/v1/roles", new { name = "Auditors" }), HttpStatusCode.Created);
        Assert.True((await mia.Client.GetFromJsonAsync<MeDto>("/api/v1/me"))!.IsAdmin);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_and_a_demoted_admin_loses_admin_rights_at_once()
    {
        var org = await app.CreateOrganizationAsync();
        var admin = org.Admin;

        var alone = await admin.Client.PatchAsJsonAsync($"/api/v1/users/{admin.Id}", new { isAdmin = false });
        await Http.ProblemAsync(alone, HttpStatusCode.Conflict);

        var second = await org.AddMemberAsync("Second admin");
        await Http.EnsureStatusAsync(await admin.Client.PatchAsJsonAsync($"/api/v1/users/{second.Id}", new { isAdmin = true }), HttpStatusCode.OK);
        // Now the first admin may step down; their token stops carrying admin rights.
        await Http.EnsureStatusAsync(await admin.Client.PatchAsJsonAsync($"/api/v1/users/{admin.Id}", new { isAdmin = false }), HttpStatusCode.OK);
        await Http.ProblemAsync(await admin.Client.PostAsJsonAsync("/api/v1/roles", new { name = "Nope" }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await second.Client.PatchAsJsonAsync($"/api/v1/users/{second.Id}", new { isAdmin = false }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Another_organisations_users_are_not_found()
    {
        var org = await app.CreateOrganizationAsync();
        var stranger = await (await app.CreateOrganizationAsync()).AddMemberAsync();

        await Http.ProblemAsync(await org.Admin.Client.GetAsync($"/api/v1/users/{stranger.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.Client.PatchAsJsonAsync($"/api/v1/users/{stranger.Id}", new { displayName = "Mine now" }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.Client.GetAsync($"/api/v1/users/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }
}
