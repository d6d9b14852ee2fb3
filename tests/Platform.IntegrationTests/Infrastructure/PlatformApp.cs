using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Modules.Identity.Setup;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// The whole host (all roles) in-process on its own database: a copy of one the host migrated
/// at the start of the run (<see cref="TestPostgres.MigratedTemplateAsync"/>), or an empty one that
/// the host migrates itself on start, as in production, where <see cref="FromTemplate"/> is false.
/// </summary>
public class PlatformApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "correct horse battery staple";

    public string DatabaseName { get; } = "it_" + Guid.NewGuid().ToString("N")[..16];
    public string SetupToken { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    public string ConnectionString { get; private set; } = null!;

    /// <summary>Settings a test class adds on top of the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        var server = await TestPostgres.GetAsync();
        if (FromTemplate)
            await server.CopyDatabaseAsync(DatabaseName, await TestPostgres.MigratedTemplateAsync(), CancellationToken.None);
        else
            await server.EnsureDatabaseAsync(DatabaseName, CancellationToken.None);
        ConnectionString = server.ConnectionString(DatabaseName);
        await PrepareDatabaseAsync();
        _ = Server; // start the host now: migrations run here, not inside the first test
    }

    /// <summary>False for a class that tests migrating: its database starts empty.</summary>
    protected virtual bool FromTemplate => true;

    /// <summary>Runs on the database before the host starts (and migrates what is pending).</summary>
    protected virtual Task PrepareDatabaseAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Platform", ConnectionString);
        builder.UseSetting("Platform:Setup:Token", SetupToken);
        builder.UseSetting("Platform:Realtime:PollInterval", "00:00:01");
        // Not the default data/files under the content root (src/Host in these tests): a folder per test class.
        builder.UseSetting("Platform:Files:Local:Root", Path.Combine(Path.GetTempPath(), "platform-it-files", DatabaseName));
        foreach (var (key, value) in ExtraSettings)
            builder.UseSetting(key, value);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // Virtual: a subclass's DisposeAsync (e.g. removing its file store) runs too.
        await DisposeAsync();
        var server = await TestPostgres.GetAsync();
        await server.DropDatabaseAsync(DatabaseName);
    }

    /// <summary>Creates an organisation with its admin (not through first-run: any number of them).</summary>
    public async Task<TestOrganization> CreateOrganizationAsync(string? name = null)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var adminEmail = $"admin-{id}@example.test";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OrganizationSetup>()
            .CreateAsync(new NewOrganization(name ?? $"Org {id}", adminEmail, $"Admin {id}", AdminPassword), onlyIfFirst: false, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        var admin = await LoginAsync(adminEmail, AdminPassword);
        return new TestOrganization(this, result.Created!.OrganizationId, admin);
    }

    /// <summary>A client authenticated with a bearer token.</summary>
    public async Task<TestUser> LoginAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        await Http.EnsureStatusAsync(response, System.Net.HttpStatusCode.OK);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var me = await client.GetFromJsonAsync<MeDto>("/api/v1/me");
        return new TestUser(me!.Id, email, client);
    }
}

public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

public sealed record MeDto(Guid Id, string Email, string DisplayName, bool IsAdmin, OrganizationDto Organization);

public sealed record OrganizationDto(Guid Id, string Name);

public sealed record TestUser(Guid Id, string Email, HttpClient Client);

public sealed record TestOrganization(PlatformApp App, Guid Id, TestUser Admin)
{
    /// <summary>Adds a member through the API, as an admin would, and logs them in.</summary>
    public async Task<TestUser> AddMemberAsync(string? displayName = null)
    {
        var email = $"user-{Guid.NewGuid():N}@example.test"[..40];
        var response = await Admin.Client.PostAsJsonAsync("/api/v1/users",
            new { email, displayName = displayName ?? email, password = PlatformApp.AdminPassword });
        await Http.EnsureStatusAsync(response, System.Net.HttpStatusCode.Created);
        return await App.LoginAsync(email, PlatformApp.AdminPassword);
    }
}
