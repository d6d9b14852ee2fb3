using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Identity.Data;

namespace Platform.IntegrationTests.Identity;

/// <summary>A node whose per-request account check trusts its cache for one second only.</summary>
public sealed class ShortUserCheckCacheApp : PlatformApp
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(1);

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Platform:Identity:UserCheckCacheSeconds"] = CacheDuration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Blocking ends every session of the member at once: cookies, bearer tokens, refresh tokens;
/// login is refused until they are unblocked.
/// </summary>
public sealed class BlockingTests(ShortUserCheckCacheApp app) : IClassFixture<ShortUserCheckCacheApp>
{
    [Fact]
    public async Task A_blocked_members_token_cookie_refresh_and_login_all_stop_and_unblocking_restores_login_only()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync("Soon blocked");
        var anon = app.CreateClient();
        var tokens = await Http.ReadAsync<TokenResponse>(
            await anon.PostAsJsonAsync("/api/v1/auth/login", new { email = member.Email, password = PlatformApp.AdminPassword }), HttpStatusCode.OK);
        var browser = await CookieClientAsync(member.Email);
        await Http.EnsureStatusAsync(await member.Client.GetAsync("/api/v1/me"), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await browser.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        await Http.EnsureStatusAsync(await org.Admin.BlockAsync(member.Id), HttpStatusCode.NoContent);

        // This node forgets its cached copy when it blocks: no waiting at all here.
        var problem = await Http.ProblemAsync(await member.Client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        Assert.Contains("blocked", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await Http.ProblemAsync(await browser.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        await Http.ProblemAsync(await browser.GetAsync("/api/v1/users"), HttpStatusCode.Unauthorized);
        await Http.ProblemAsync(await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken }), HttpStatusCode.Unauthorized);
        var login = await anon.PostAsJsonAsync("/api/v1/auth/login", new { email = member.Email, password = PlatformApp.AdminPassword });
        Assert.Contains("blocked", (await Http.ProblemAsync(login, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        // A wrong password still reads as a wrong password: "blocked" is only told to whoever knows it.
        var wrong = await anon.PostAsJsonAsync("/api/v1/auth/login", new { email = member.Email, password = "not the password" });
        Assert.DoesNotContain("blocked", (await Http.ProblemAsync(wrong, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True((await org.Admin.GetProfileAsync(member.Id)).IsBlocked);

        await Http.EnsureStatusAsync(await org.Admin.UnblockAsync(member.Id), HttpStatusCode.NoContent);
        var again = await app.LoginAsync(member.Email, PlatformApp.AdminPassword);
        await Http.EnsureStatusAsync(await again.Client.GetAsync("/api/v1/me"), HttpStatusCode.OK);
        // Sessions from before the block stay dead.
        await Http.ProblemAsync(await member.Client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        await Http.ProblemAsync(await browser.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        await Http.ProblemAsync(await anon.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_block_written_by_another_node_reaches_this_nodes_sessions_within_the_cache_duration()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var browser = await CookieClientAsync(member.Email);
        // Both sessions are checked once, so this node now holds the account in its cache.
        await Http.EnsureStatusAsync(await member.Client.GetAsync("/api/v1/me"), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await browser.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        // Another node blocks: the row changes, this node's cache is not told.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == member.Id);
            user.IsBlocked = true;
            user.RevokeSessions();
            await db.SaveChangesAsync();
        }
        var blockedAt = Stopwatch.StartNew();

        foreach (var client in new[] { member.Client, browser })
        {
            HttpStatusCode status;
            do
            {
                status = (await client.GetAsync("/api/v1/me")).StatusCode;
                if (status == HttpStatusCode.OK)
                    await Task.Delay(50);
            }
            while (status == HttpStatusCode.OK && blockedAt.Elapsed < ShortUserCheckCacheApp.CacheDuration * 5);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }
        // The documented bound is the cache duration; allow for a slow test machine.
        Assert.True(blockedAt.Elapsed < ShortUserCheckCacheApp.CacheDuration + TimeSpan.FromSeconds(1.5), $"took {blockedAt.Elapsed}");
    }

    [Fact]
    public async Task Admins_cannot_block_themselves_members_cannot_block_and_other_organisations_get_404()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var stranger = await (await app.CreateOrganizationAsync()).AddMemberAsync();

        await Http.ProblemAsync(await org.Admin.BlockAsync(org.Admin.Id), HttpStatusCode.Conflict);
        await Http.ProblemAsync(await member.BlockAsync(org.Admin.Id), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.UnblockAsync(member.Id), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await org.Admin.BlockAsync(stranger.Id), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.UnblockAsync(stranger.Id), HttpStatusCode.NotFound);
        await Http.EnsureStatusAsync(await stranger.Client.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        // Blocking twice is harmless.
        await Http.EnsureStatusAsync(await org.Admin.BlockAsync(member.Id), HttpStatusCode.NoContent);
        await Http.EnsureStatusAsync(await org.Admin.BlockAsync(member.Id), HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Another_admin_can_be_blocked_but_never_the_last_active_one()
    {
        var org = await app.CreateOrganizationAsync();
        var second = await org.AddMemberAsync("Second admin");
        await Http.EnsureStatusAsync(await org.Admin.Client.PatchAsJsonAsync($"/api/v1/users/{second.Id}", new { isAdmin = true }), HttpStatusCode.OK);

        await Http.EnsureStatusAsync(await second.BlockAsync(org.Admin.Id), HttpStatusCode.NoContent);
        // The first admin's token is dead, so the only active admin left is the second one.
        await Http.ProblemAsync(await org.Admin.BlockAsync(second.Id), HttpStatusCode.Unauthorized);
        await Http.ProblemAsync(await second.Client.PatchAsJsonAsync($"/api/v1/users/{second.Id}", new { isAdmin = false }), HttpStatusCode.Conflict);
    }

    private async Task<HttpClient> CookieClientAsync(string email)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        await Http.EnsureStatusAsync(
            await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = PlatformApp.AdminPassword }), HttpStatusCode.OK);
        return browser;
    }
}
