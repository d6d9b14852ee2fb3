using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.Playwright;
using Platform.LocalResources;

namespace Platform.EndToEndTests;

[CollectionDefinition(Name)]
public sealed class EndToEndGroup : ICollectionFixture<PlatformFixture>
{
    public const string Name = "Platform end to end";
}

/// <summary>
/// The whole product, for real: a private PostgreSQL in a temp folder, the host started from its build output as a
/// child process (it migrates the database itself), an organisation with Ann (admin) and Bob created through the
/// HTTP API, and Debian's Chromium driven by Playwright. Everything is torn down again, even after a failure.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime, IAsyncDisposable
{
    private const string DatabaseName = "platform";
    private const int MaxLineInMessage = 600;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The host's upload limit in these tests.</summary>
    public const long MaxUploadBytes = 4 * 1024 * 1024;

    private readonly string _tempDirectory = Path.Combine(Path.GetTempPath(), "platform-e2e-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Lock _logGate = new();
    private PostgresServer? _postgres;
    private ManagedProcess? _host;
    private StreamWriter? _hostLog;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private HttpClient? _api;
    private bool _disposed;

    /// <summary>The one-time first-run secret handed to the host, as an operator would.</summary>
    private string SetupToken { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Anonymous HTTP client on <see cref="BaseAddress"/>.</summary>
    public HttpClient Api => _api ?? throw new InvalidOperationException("The fixture is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>The host's database, for journeys that stage what no API can (a node that stopped heartbeating).</summary>
    public string ConnectionString => _postgres?.ConnectionString(DatabaseName) ?? throw new InvalidOperationException("The fixture is not started.");

    public TestUser Ann { get; private set; } = null!;

    public TestUser Bob { get; private set; } = null!;

    /// <summary>A bearer token of Ann's, for tests that act through the API as an integration would.</summary>
    public string AnnAccessToken { get; private set; } = null!;

    /// <summary>The full host output of this run (the last lines are in every failure message).</summary>
    public string HostLogFile { get; private set; } = Path.Combine(Repository.ArtifactsDirectory, "host.log");

    /// <summary>The host's last output lines, oldest first, ready to put in a failure message.</summary>
    public string RecentHostOutput
    {
        get
        {
            var lines = _host?.RecentOutput ?? [];
            var state = _host is null ? "not started" : _host.HasExited ? $"exited with code {_host.ExitCode}" : "running";
            // Stack traces come as one very long line each: the full text is in the log file.
            return $"--- host ({state}), last {lines.Count} lines, shortened (all of them in {HostLogFile}) ---{Environment.NewLine}"
                + string.Join(Environment.NewLine, lines.Select(l => l.Length <= MaxLineInMessage ? l : l[..MaxLineInMessage] + " …"));
        }
    }

    public async Task InitializeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            Directory.CreateDirectory(_tempDirectory);
            Directory.CreateDirectory(Repository.ArtifactsDirectory);
            await StartPostgresAsync(cts.Token);
            await StartHostAsync(cts.Token);
            await CreateOrganizationAsync(cts.Token);
            await LaunchBrowserAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose initialisation failed: leave nothing running.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;

        var failures = new List<Exception>();
        async Task Step(Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        await Step(async () =>
        {
            if (_browser is not null)
                await _browser.CloseAsync();
        });
        await Step(() =>
        {
            _playwright?.Dispose();
            return Task.CompletedTask;
        });
        _api?.Dispose();
        // SIGTERM, 10 s to shut down gracefully, then a hard kill of the whole process tree.
        await Step(async () =>
        {
            if (_host is not null)
                await _host.DisposeAsync();
        });
        await Step(async () =>
        {
            if (_postgres is not null)
                await _postgres.DisposeAsync();
        });
        await Step(() =>
        {
            lock (_logGate)
            {
                _hostLog?.Dispose();
                _hostLog = null;
            }

            return Task.CompletedTask;
        });
        await Step(() =>
        {
            if (Directory.Exists(_tempDirectory))
                Directory.Delete(_tempDirectory, recursive: true);
            return Task.CompletedTask;
        });

        if (failures.Count > 0)
            throw new AggregateException("Cleaning up the end-to-end environment failed.", failures);
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private async Task StartPostgresAsync(CancellationToken ct)
    {
        _postgres = new PostgresServer(Path.Combine(_tempDirectory, "pgdata"), PortAllocator.GetFreeTcpPort())
        {
            Durable = false,
            LogFile = Path.Combine(_tempDirectory, "postgres.log"),
        };
        await _postgres.StartAsync(ct);
        await _postgres.EnsureDatabaseAsync(DatabaseName, ct);
    }

    private async Task StartHostAsync(CancellationToken ct)
    {
        var hostDirectory = Repository.HostDirectory;
        var hostDll = Path.Combine(hostDirectory, "Platform.Host.dll");
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException(
                $"{hostDll} does not exist: build the tests (which build the host first) with the same configuration ({Repository.Configuration}).");
        }

        if (!File.Exists(Path.Combine(hostDirectory, "wwwroot", "index.html")))
            throw new InvalidOperationException($"The browser client is missing from {hostDirectory}/wwwroot: the host build should have built src/Web.");

        _hostLog = OpenHostLog();
        BaseAddress = new Uri($"http://127.0.0.1:{PortAllocator.GetFreeTcpPort()}/");
        _host = new ManagedProcess(new ManagedProcessOptions
        {
            // The muxer that runs these tests (set by the SDK), so the host gets the same runtime.
            FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } muxer && File.Exists(muxer) ? muxer : "dotnet",
            Arguments = [hostDll, "--urls", BaseAddress.GetLeftPart(UriPartial.Authority)],
            WorkingDirectory = hostDirectory,
            Environment = new Dictionary<string, string?>
            {
                ["ConnectionStrings__Platform"] = ConnectionString,
                ["Platform__Setup__Token"] = SetupToken,
                // Small enough for a journey to upload a file that is refused (the default is 2 GiB).
                ["Platform__Files__MaxUploadBytes"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture),
                ["DOTNET_NOLOGO"] = "1",
            },
            RecentLineCount = 60,
            OnOutputLine = (line, isError) =>
            {
                lock (_logGate)
                    _hostLog?.WriteLine(isError ? "[stderr] " + line : line);
            },
        });
        _host.Start();

        try
        {
            await _host.WaitForHttpOkAsync(new Uri(BaseAddress, "health/ready"), ReadyTimeout, ct);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            throw new EndToEndFailureException(
                $"The host at {BaseAddress} did not become ready: {ex.Message}{Environment.NewLine}{RecentHostOutput}", ex);
        }
    }

    /// <summary>artifacts/e2e/host.log, or host-&lt;pid&gt;.log while another run on this checkout writes that one.</summary>
    private StreamWriter OpenHostLog()
    {
        try
        {
            return new StreamWriter(new FileStream(HostLogFile, FileMode.Create, FileAccess.Write, FileShare.None)) { AutoFlush = true };
        }
        catch (IOException)
        {
            HostLogFile = Path.Combine(Repository.ArtifactsDirectory, $"host-{Environment.ProcessId}.log");
            return new StreamWriter(new FileStream(HostLogFile, FileMode.Create, FileAccess.Write, FileShare.None)) { AutoFlush = true };
        }
    }

    private async Task CreateOrganizationAsync(CancellationToken ct)
    {
        _api = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var annEmail = $"ann.{suffix}@example.test";
        var annPassword = "ann-correct-horse-" + suffix;

        using (var setup = await _api.PostAsJsonAsync("api/v1/setup", new
        {
            setupToken = SetupToken,
            organizationName = "Acme " + suffix,
            adminEmail = annEmail,
            adminDisplayName = "Ann",
            adminPassword = annPassword,
        }, ct))
        {
            await ExpectStatusAsync(setup, HttpStatusCode.Created, ct);
            var created = await setup.Content.ReadFromJsonAsync<CreatedOrganization>(ct);
            Ann = new TestUser(created!.AdminUserId, annEmail, "Ann", annPassword);
        }

        string accessToken;
        using (var login = await _api.PostAsJsonAsync("api/v1/auth/login", new { email = Ann.Email, password = Ann.Password }, ct))
        {
            await ExpectStatusAsync(login, HttpStatusCode.OK, ct);
            accessToken = (await login.Content.ReadFromJsonAsync<AccessTokenResponse>(ct))!.AccessToken;
        }
        AnnAccessToken = accessToken;

        var bobEmail = $"bob.{suffix}@example.test";
        var bobPassword = "bob-battery-staple-" + suffix;
        using var createBob = new HttpRequestMessage(HttpMethod.Post, "api/v1/users")
        {
            Content = JsonContent.Create(new { email = bobEmail, displayName = "Bob", password = bobPassword }),
        };
        createBob.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var bob = await _api.SendAsync(createBob, ct);
        await ExpectStatusAsync(bob, HttpStatusCode.Created, ct);
        var person = await bob.Content.ReadFromJsonAsync<Person>(ct);
        Bob = new TestUser(person!.Id, bobEmail, "Bob", bobPassword);
    }

    private async Task LaunchBrowserAsync()
    {
        // Expect(...) retries until this (default 5 s): room for a loaded CI machine; live-update checks set their own.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's Chromium: Playwright never downloads a browser here.
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>Fails with the request, the answer's body and the host's recent output unless the status is <paramref name="expected"/>.</summary>
    public async Task ExpectStatusAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken ct)
    {
        if (response.StatusCode == expected)
            return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new EndToEndFailureException(string.Create(CultureInfo.InvariantCulture,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.StatusCode}, expected {(int)expected}.{Environment.NewLine}Body: {body}{Environment.NewLine}{RecentHostOutput}"));
    }

    // The server names it adminUserId (docs/api.md says userId).
    private sealed record CreatedOrganization(Guid OrganizationId, Guid AdminUserId);

    private sealed record AccessTokenResponse([property: JsonPropertyName("accessToken")] string AccessToken);

    private sealed record Person(Guid Id, string Email, string DisplayName, bool IsAdmin);
}
