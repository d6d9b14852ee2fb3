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
}
