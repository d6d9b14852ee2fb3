using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

public sealed class SignInTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task Browser_login_sets_a_cookie_that_authenticates_until_logout()
    {
        var org = await app.CreateOrganizationAsync();
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        var login = await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = org.Admin.Email, password = PlatformApp.AdminPassword });
        await Http.EnsureStatusAsync(login, HttpStatusCode.OK);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("platform.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);

        var me = await browser.GetFromJsonAsync<MeDto>("/api/v1/me");
        Assert.Equal(org.Admin.Id, me!.Id);

        await Http.EnsureStatusAsync(await browser.PostAsync("/api/v1/auth/logout", null), HttpStatusCode.NoContent);
        await Http.ProblemAsync(await browser.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_login_returns_a_bearer_token_and_a_refresh_token_that_issues_a_new_one()
    {
        var org = await app.CreateOrganizationAsync();
        var client = app.CreateClient();
        var tokens = await Http.ReadAsync<TokenResponse>(
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = org.Admin.Email, password = PlatformApp.AdminPassword }), HttpStatusCode.OK);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(3600, tokens.ExpiresIn);

        var refreshed = await Http.ReadAsync<TokenResponse>(
            await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken }), HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", refreshed.AccessToken);
        Assert.Equal(org.Admin.Id, (await client.GetFromJsonAsync<MeDto>("/api/v1/me"))!.Id);

        await Http.ProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "garbage" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var org = await app.CreateOrganizationAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = org.Admin.Email, password = "wrong password!" });
            var problem = await Http.ProblemAsync(wrong, HttpStatusCode.Unauthorized);
            Assert.Contains("password", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }
        // The fifth failure is the one that locks.
        var fifth = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = org.Admin.Email, password = "wrong password!" });
        Assert.Contains("locked", (await Http.ProblemAsync(fifth, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);

        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = org.Admin.Email, password = PlatformApp.AdminPassword });
        var locked = await Http.ProblemAsync(right, HttpStatusCode.Unauthorized);
        Assert.Contains("locked", locked.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Only_an_admin_can_add_members_and_weak_or_duplicate_accounts_are_refused_per_field()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();

        var byMember = await member.Client.PostAsJsonAsync("/api/v1/users", new { email = "x@example.test", displayName = "X", password = PlatformApp.AdminPassword });
        await Http.ProblemAsync(byMember, HttpStatusCode.Forbidden);

        var weak = await org.Admin.Client.PostAsJsonAsync("/api/v1/users", new { email = "weak@example.test", displayName = "W", password = "123" });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(weak, HttpStatusCode.BadRequest), "password"));

        var duplicate = await org.Admin.Client.PostAsJsonAsync("/api/v1/users", new { email = member.Email, displayName = "Dup", password = PlatformApp.AdminPassword });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(duplicate, HttpStatusCode.BadRequest), "email"));

        var missing = await org.Admin.Client.PostAsJsonAsync("/api/v1/users", new { email = "", displayName = "" });
        var problem = await Http.ProblemAsync(missing, HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(problem, "email"));
        Assert.NotEmpty(Http.FieldErrors(problem, "password"));
    }

    [Fact]
    public async Task The_people_list_shows_only_members_of_the_callers_organisation()
    {
        var first = await app.CreateOrganizationAsync();
        var second = await app.CreateOrganizationAsync();
        await first.AddMemberAsync("Someone in first");

        var seen = await second.Admin.Client.GetFromJsonAsync<PeopleDto>("/api/v1/users");
        var person = Assert.Single(seen!.Items);
        Assert.Equal(second.Admin.Id, person.Id);
    }

    private sealed record PersonDto(Guid Id, string Email, string DisplayName, bool IsAdmin);

    private sealed record PeopleDto(IReadOnlyList<PersonDto> Items);
}
