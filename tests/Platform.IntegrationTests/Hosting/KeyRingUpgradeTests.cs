using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Host.Infrastructure;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Hosting;

/// <summary>
/// The key ring moved from our own repository (a hand-written <see cref="IXmlRepository"/> over
/// <c>platform.data_protection_keys</c>, up to migration NodeRegistry) to Data Protection's EF Core
/// repository. A key the old repository stored, in the old table shape, must keep every cookie and
/// bearer token issued with it valid after the migration: nobody is signed out by an upgrade.
/// </summary>
public sealed class KeyRingUpgradeTests(KeyRingUpgradeTests.NovemberDatabase app) : IClassFixture<KeyRingUpgradeTests.NovemberDatabase>
{
    private const string StoreSetting = "Test:KeyStore";

    [Fact]
    public async Task A_cookie_and_a_token_issued_with_the_key_the_old_repository_stored_still_work_after_the_upgrade()
    {
        // The host has migrated the table (with the old key in it) to the library's shape, but this
        // node still reads and writes keys the old way: a node of the previous release during a
        // rolling upgrade. It issues a cookie and a bearer token.
        var org = await app.CreateOrganizationAsync();
        var cookie = await SignInWithCookieAsync(app, org.Admin.Email);
        Assert.Equal(1, await CountKeysAsync());

        await using var upgraded = app.WithWebHostBuilder(b => b.UseSetting(StoreSetting, "library"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Cookie", cookie);
        var me = await Http.ReadAsync<MeDto>(await upgraded.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).SendAsync(request), HttpStatusCode.OK);
        Assert.Equal(org.Admin.Id, me.Id);

        var api = upgraded.CreateClient();
        api.DefaultRequestHeaders.Authorization = org.Admin.Client.DefaultRequestHeaders.Authorization;
        Assert.Equal(org.Admin.Id, (await Http.ReadAsync<MeDto>(await api.GetAsync("/api/v1/me"), HttpStatusCode.OK)).Id);

        // What was protected before the host ever ran still opens, and the library found the old
        // key rather than making a new one.
        var protector = upgraded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(NovemberDatabase.Purpose);
        Assert.Equal(NovemberDatabase.Secret, protector.Unprotect(app.ProtectedBeforeUpgrade));
        Assert.Equal(1, await CountKeysAsync());

        // New keys go through the library and land in the same table.
        var keys = upgraded.Services.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        keys.CreateNewKey(now, now.AddDays(90));
        Assert.Equal(2, await CountKeysAsync());
    }

    private async Task<int> CountKeysAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM platform.data_protection_keys", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task<string> SignInWithCookieAsync(WebApplicationFactory<Program> node, string email)
    {
        var browser = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = PlatformApp.AdminPassword });
        await Http.EnsureStatusAsync(login, HttpStatusCode.OK);
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("platform.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>
    /// A database as the November release left it: the platform schema at migration NodeRegistry
    /// and one key stored by the old repository; the host started on it keeps the old repository
    /// unless <see cref="StoreSetting"/> says "library".
    /// </summary>
    public sealed class NovemberDatabase : PlatformApp
    {
        public const string Purpose = "key-ring-upgrade-test";
        public const string Secret = "protected before the upgrade";

        public string ProtectedBeforeUpgrade { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string> { [StoreSetting] = "november" };

        // November's schema, then the host migrates the rest.
        protected override bool FromTemplate => false;

        protected override async Task PrepareDatabaseAsync()
        {
            var options = new DbContextOptionsBuilder<PlatformDbContext>()
                .UseNpgsql(ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history", PlatformDbContext.Schema))
                .Options;
            await using (var db = new PlatformDbContext(options))
                await db.GetService<IMigrator>().MigrateAsync("20261121024411_NodeRegistry");

            await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
            var services = new ServiceCollection();
            services.AddDataProtection().SetApplicationName("Platform");
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new NovemberKeyRepository(dataSource));
            await using var provider = services.BuildServiceProvider();
            ProtectedBeforeUpgrade = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect(Secret);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddOptions<KeyManagementOptions>()
                .PostConfigure<IConfiguration, NpgsqlDataSource>((o, configuration, dataSource) =>
                {
                    if (configuration[StoreSetting] == "november")
                        o.XmlRepository = new NovemberKeyRepository(dataSource);
                }));
        }
    }

    /// <summary>The repository of the November release, as it was (its SQL is what matters).</summary>
    private sealed class NovemberKeyRepository(NpgsqlDataSource dataSource) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var command = dataSource.CreateCommand("SELECT xml FROM platform.data_protection_keys ORDER BY id");
            using var reader = command.ExecuteReader();
            var elements = new List<XElement>();
            while (reader.Read())
                elements.Add(XElement.Parse(reader.GetString(0)));
            return elements;
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var command = dataSource.CreateCommand(
                "INSERT INTO platform.data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, now())");
            command.Parameters.AddWithValue("name", friendlyName);
            command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>
/// With <c>Platform:DataProtection:Certificate</c> the key ring is encrypted at rest: the table holds
/// no key in the clear, every node given the certificate reads it, a node without it cannot.
/// </summary>
public sealed class EncryptedKeyRingTests(EncryptedKeyRingTests.WithCertificate app) : IClassFixture<EncryptedKeyRingTests.WithCertificate>
{
    [Fact]
    public async Task Keys_are_stored_encrypted_and_only_nodes_with_the_certificate_accept_tokens()
    {
        var org = await app.CreateOrganizationAsync();
        var cookie = await KeyRingUpgradeTests.SignInWithCookieAsync(app, org.Admin.Email);

        var rows = await ReadKeysAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });

        await using var sameCertificate = app.WithWebHostBuilder(_ => { });
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me"))
        {
            request.Headers.Add("Cookie", cookie);
            var me = await Http.ReadAsync<MeDto>(await sameCertificate.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).SendAsync(request), HttpStatusCode.OK);
            Assert.Equal(org.Admin.Id, me.Id);
        }

        await using var noCertificate = app.WithWebHostBuilder(b => b.UseSetting("Platform:DataProtection:Certificate", ""));
        var stranger = noCertificate.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = org.Admin.Client.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/v1/me")).StatusCode);
        var afterStranger = await ReadKeysAsync();
        Assert.All(afterStranger, xml => Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("wrong-password", "cannot read")]
    [InlineData("previous-only", "Certificate is not")]
    public void A_certificate_that_cannot_be_used_stops_the_node_with_the_reason(string problem, string expected)
    {
        var settings = problem switch
        {
            "missing" => new Dictionary<string, string?> { ["Platform:DataProtection:Certificate"] = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid() + ".pfx") },
            "wrong-password" => new Dictionary<string, string?> { ["Platform:DataProtection:Certificate"] = app.CertificatePath, ["Platform:DataProtection:CertificatePassword"] = "not it" },
            _ => new Dictionary<string, string?> { ["Platform:DataProtection:PreviousCertificates"] = app.CertificatePath },
        };
        var error = new ServiceCollection().TryAddKeyRing(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(app.CertificatePassword, error, StringComparison.Ordinal);
    }

    private async Task<List<string>> ReadKeysAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM platform.data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    public sealed class WithCertificate : PlatformApp
    {
        public string CertificatePath { get; } = Path.Combine(Path.GetTempPath(), $"platform-keyring-{Guid.NewGuid():N}.pfx");
        public string CertificatePassword { get; } = Guid.NewGuid().ToString("N");

        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["Platform:DataProtection:Certificate"] = CertificatePath,
            ["Platform:DataProtection:CertificatePassword"] = CertificatePassword,
        };

        protected override Task PrepareDatabaseAsync()
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Platform key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword));
            return Task.CompletedTask;
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(CertificatePath);
        }
    }
}
