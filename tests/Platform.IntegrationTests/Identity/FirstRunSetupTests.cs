using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

/// <summary>First run in the browser: guarded by the one-time token, atomic, only once.</summary>
public sealed class FirstRunSetupTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static object Request(string token, string password = PlatformApp.AdminPassword) => new
    {
        setupToken = token,
        organizationName = "Acme",
        adminEmail = "first-admin@acme.test",
        adminDisplayName = "Ann Admin",
        adminPassword = password,
    };

    [Fact]
    public async Task First_run_is_guarded_by_the_token_validates_the_password_and_happens_only_once()
    {
        var client = app.CreateClient();
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/api/v1/setup")).GetProperty("setupRequired").GetBoolean());

        var wrongToken = await client.PostAsJsonAsync("/api/v1/setup", Request("not-the-token"));
        await Http.ProblemAsync(wrongToken, HttpStatusCode.Forbidden);

        var weakPassword = await client.PostAsJsonAsync("/api/v1/setup", Request(app.SetupToken, password: "short"));
        var problem = await Http.ProblemAsync(weakPassword, HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(problem, "adminPassword"));
        // Atomic: the rejected password left no half-created organisation behind.
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/api/v1/setup")).GetProperty("setupRequired").GetBoolean());

        var created = await client.PostAsJsonAsync("/api/v1/setup", Request(app.SetupToken));
        await Http.EnsureStatusAsync(created, HttpStatusCode.Created);
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/v1/setup")).GetProperty("setupRequired").GetBoolean());

        var again = await client.PostAsJsonAsync("/api/v1/setup", Request(app.SetupToken));
        await Http.ProblemAsync(again, HttpStatusCode.Conflict);

        var admin = await app.LoginAsync("first-admin@acme.test", PlatformApp.AdminPassword);
        var me = await admin.Client.GetFromJsonAsync<MeDto>("/api/v1/me");
        Assert.True(me!.IsAdmin);
        Assert.Equal("Acme", me.Organization.Name);
    }
}
