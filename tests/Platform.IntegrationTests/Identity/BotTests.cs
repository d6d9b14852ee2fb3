using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

/// <summary>Bots: technical accounts that call the API with a <c>plt_</c> key shown once.</summary>
public sealed class BotTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task A_bots_key_calls_the_api_as_a_member_of_its_organisation()
    {
        var org = await app.CreateOrganizationAsync();
        var bot = await org.Admin.CreateBotAsync("Importer");
        Assert.StartsWith("plt_", bot.ApiKey, StringComparison.Ordinal);
        Assert.Equal(47, bot.ApiKey.Length);
        Assert.Equal(bot.ApiKey[..8], bot.KeyHint);

        var client = app.BotClient(bot.ApiKey);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(bot.Id, me.GetProperty("id").GetGuid());
        Assert.Equal(org.Id, me.GetProperty("organization").GetProperty("id").GetGuid());
        Assert.False(me.GetProperty("isAdmin").GetBoolean());
        var people = await client.GetFromJsonAsync<PeopleListDto>("/api/v1/users");
        Assert.Contains(people!.Items, p => p.Id == bot.Id && p.IsBot);
        await Http.EnsureStatusAsync(await client.GetAsync("/api/v1/departments"), HttpStatusCode.OK);

        // A member, not an admin; and it may not be made one.
        await Http.ProblemAsync(await client.PostAsJsonAsync("/api/v1/bots", new { displayName = "Offspring" }), HttpStatusCode.Forbidden);
        var promote = await org.Admin.Client.PatchAsJsonAsync($"/api/v1/users/{bot.Id}", new { isAdmin = true });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(promote, HttpStatusCode.BadRequest), "isAdmin"));
        // It may rename itself, like any member editing their own profile.
        await Http.EnsureStatusAsync(await client.PatchAsJsonAsync($"/api/v1/users/{bot.Id}", new { displayName = "Importer v2" }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bots_cannot_log_in_and_wrong_or_rotated_keys_are_refused()
    {
        var org = await app.CreateOrganizationAsync();
        var bot = await org.Admin.CreateBotAsync();
        var anon = app.CreateClient();
        foreach (var email in new[] { $"bot-{bot.Id:N}", "" })
        {
            var login = await anon.PostAsJsonAsync("/api/v1/auth/login", new { email, password = PlatformApp.AdminPassword });
            Assert.True(login.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"got {login.StatusCode}");
        }
        var byUserName = await anon.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = $"bot-{bot.Id:N}", password = "anything at all" });
        await Http.ProblemAsync(byUserName, HttpStatusCode.Unauthorized);
        Assert.False(byUserName.Headers.Contains("Set-Cookie"));

        foreach (var wrong in new[] { "plt_" + new string('A', 43), "plt_", "plt_" + new string('x', 500), bot.ApiKey + "x" })
        {
            var refused = await Http.ProblemAsync(await app.BotClient(wrong).GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
            Assert.Contains("API key", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var rotated = await Http.ReadAsync<IssuedBotKeyDto>(await org.Admin.Client.PostAsync($"/api/v1/bots/{bot.Id}/keys", null), HttpStatusCode.Created);
        Assert.NotEqual(bot.ApiKey, rotated.ApiKey);
        await Http.ProblemAsync(await app.BotClient(bot.ApiKey).GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        await Http.EnsureStatusAsync(await app.BotClient(rotated.ApiKey).GetAsync("/api/v1/me"), HttpStatusCode.OK);

        var list = await org.Admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/bots");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(rotated.KeyHint, item.GetProperty("keyHint").GetString());
        Assert.DoesNotContain(rotated.ApiKey, list.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blocked_bots_key_stops_working_until_it_is_unblocked()
    {
        var org = await app.CreateOrganizationAsync();
        var bot = await org.Admin.CreateBotAsync();
        var client = app.BotClient(bot.ApiKey);
        await Http.EnsureStatusAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        await Http.EnsureStatusAsync(await org.Admin.BlockAsync(bot.Id), HttpStatusCode.NoContent);
        await Http.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);

        await Http.EnsureStatusAsync(await org.Admin.UnblockAsync(bot.Id), HttpStatusCode.NoContent);
        await Http.EnsureStatusAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_admins_manage_bots_and_only_their_own_organisations()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var other = await app.CreateOrganizationAsync();
        var theirs = await other.Admin.CreateBotAsync("Their bot");

        await Http.ProblemAsync(await member.Client.PostAsJsonAsync("/api/v1/bots", new { displayName = "Mine" }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.GetAsync("/api/v1/bots"), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.PostAsync($"/api/v1/bots/{theirs.Id}/keys", null), HttpStatusCode.Forbidden);
        var invalid = await org.Admin.Client.PostAsJsonAsync("/api/v1/bots", new { displayName = "" });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(invalid, HttpStatusCode.BadRequest), "displayName"));

        await Http.ProblemAsync(await org.Admin.Client.PostAsync($"/api/v1/bots/{theirs.Id}/keys", null), HttpStatusCode.NotFound);
        // A person is not a bot: no key for them.
        await Http.ProblemAsync(await org.Admin.Client.PostAsync($"/api/v1/bots/{member.Id}/keys", null), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.Client.GetAsync($"/api/v1/users/{theirs.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.BlockAsync(theirs.Id), HttpStatusCode.NotFound);
        Assert.Empty((await org.Admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/bots")).GetProperty("items").EnumerateArray());
        await Http.EnsureStatusAsync(await app.BotClient(theirs.ApiKey).GetAsync("/api/v1/me"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_until_a_new_key_is_issued()
    {
        var org = await app.CreateOrganizationAsync();
        var bot = await org.Admin.CreateBotAsync("Exporter");
        var client = app.BotClient(bot.ApiKey);
        await Http.EnsureStatusAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/bots/{bot.Id}/keys"), HttpStatusCode.NoContent);
        var refused = await Http.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        Assert.Contains("API key", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var item = Assert.Single((await org.Admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/bots")).GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("keyHint").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("keyCreatedAt").ValueKind);
        // Revoking again is harmless; the bot is still a member, just without a key.
        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/bots/{bot.Id}/keys"), HttpStatusCode.NoContent);
        Assert.False((await org.Admin.GetProfileAsync(bot.Id)).IsBlocked);

        var issued = await Http.ReadAsync<IssuedBotKeyDto>(await org.Admin.Client.PostAsync($"/api/v1/bots/{bot.Id}/keys", null), HttpStatusCode.Created);
        await Http.EnsureStatusAsync(await app.BotClient(issued.ApiKey).GetAsync("/api/v1/me"), HttpStatusCode.OK);
        await Http.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_deleted_bot_cannot_authenticate_leaves_the_list_and_its_tasks_keep_their_author()
    {
        var org = await app.CreateOrganizationAsync();
        var bot = await org.Admin.CreateBotAsync("Nightly import");
        var keep = await org.Admin.CreateBotAsync("Keeper");
        var client = app.BotClient(bot.ApiKey);
        var task = await Http.ReadAsync<TaskDto>(
            await client.PostAsJsonAsync("/api/v1/tasks", new { title = "Imported", assigneeId = org.Admin.Id }), HttpStatusCode.Created);
        var role = await org.Admin.CreateRoleAsync("Importers");
        await Http.EnsureStatusAsync(await org.Admin.Client.PutAsync($"/api/v1/roles/{role.Id}/members/{bot.Id}", null), HttpStatusCode.NoContent);
        var department = await org.Admin.CreateDepartmentAsync("Integrations", headUserId: bot.Id);
        await Http.EnsureStatusAsync(await org.Admin.Client.PutAsync($"/api/v1/departments/{department.Id}/members/{bot.Id}", null), HttpStatusCode.NoContent);

        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/bots/{bot.Id}"), HttpStatusCode.NoContent);

        await Http.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        var items = (await org.Admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/bots")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([keep.Id], items.Select(i => i.GetProperty("id").GetGuid()));
        // Gone as a bot: no new key, no second delete, no revoke.
        await Http.ProblemAsync(await org.Admin.Client.PostAsync($"/api/v1/bots/{bot.Id}/keys", null), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.Client.DeleteAsync($"/api/v1/bots/{bot.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.Client.DeleteAsync($"/api/v1/bots/{bot.Id}/keys"), HttpStatusCode.NotFound);
        // Unblocking the kept account does not bring it back: it has no key and cannot get one.
        await Http.EnsureStatusAsync(await org.Admin.UnblockAsync(bot.Id), HttpStatusCode.NoContent);
        await Http.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);

        // History stays readable: the task and its author's name.
        var read = await Http.ReadAsync<TaskDto>(await org.Admin.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.OK);
        Assert.Equal(bot.Id, read.AuthorId);
        Assert.Equal("Nightly import", (await org.Admin.GetProfileAsync(bot.Id)).DisplayName);
        var summary = Assert.Single(await app.DirectoryAsync(d => d.FindManyAsync(org.Id, [bot.Id], default)));
        Assert.Equal("Nightly import", summary.DisplayName);
        // It can no longer be routed anything.
        Assert.Empty(await app.DirectoryAsync(d => d.GetRoleMembersAsync(org.Id, role.Id, default)));
        Assert.Empty(await app.DirectoryAsync(d => d.GetDepartmentMembersAsync(org.Id, department.Id, default)));
        Assert.Null((await Http.ReadAsync<DepartmentDto>(await org.Admin.Client.GetAsync($"/api/v1/departments/{department.Id}"), HttpStatusCode.OK)).HeadUserId);

        // Nor is it among the people any more, or someone to put into a role.
        var people = (await org.Admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/users?limit=200")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.DoesNotContain(bot.Id, people);
        Assert.Contains(keep.Id, people);
        await Http.ProblemAsync(await org.Admin.Client.PutAsync($"/api/v1/roles/{role.Id}/members/{bot.Id}", null), HttpStatusCode.NotFound);

        await Http.EnsureStatusAsync(await app.BotClient(keep.ApiKey).GetAsync("/api/v1/me"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_admins_revoke_or_delete_bots_and_only_their_own_organisations()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var mine = await org.Admin.CreateBotAsync("Mine");
        var other = await app.CreateOrganizationAsync();
        var theirs = await other.Admin.CreateBotAsync("Theirs");

        await Http.ProblemAsync(await member.Client.DeleteAsync($"/api/v1/bots/{mine.Id}/keys"), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.DeleteAsync($"/api/v1/bots/{mine.Id}"), HttpStatusCode.Forbidden);
        // A bot is a member, not an admin: it cannot delete itself either.
        await Http.ProblemAsync(await app.BotClient(mine.ApiKey).DeleteAsync($"/api/v1/bots/{mine.Id}"), HttpStatusCode.Forbidden);
        await Http.EnsureStatusAsync(await app.BotClient(mine.ApiKey).GetAsync("/api/v1/me"), HttpStatusCode.OK);

        await Http.ProblemAsync(await org.Admin.Client.DeleteAsync($"/api/v1/bots/{theirs.Id}/keys"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.Client.DeleteAsync($"/api/v1/bots/{theirs.Id}"), HttpStatusCode.NotFound);
        await Http.EnsureStatusAsync(await app.BotClient(theirs.ApiKey).GetAsync("/api/v1/me"), HttpStatusCode.OK);
        Assert.Single((await other.Admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/bots")).GetProperty("items").EnumerateArray());

        // People are not bots: neither endpoint touches them.
        await Http.ProblemAsync(await org.Admin.Client.DeleteAsync($"/api/v1/bots/{member.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.Client.DeleteAsync($"/api/v1/bots/{org.Admin.Id}/keys"), HttpStatusCode.NotFound);
        await Http.EnsureStatusAsync(await member.Client.GetAsync("/api/v1/me"), HttpStatusCode.OK);
    }
}
