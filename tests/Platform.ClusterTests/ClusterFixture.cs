using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.LocalResources;

namespace Platform.ClusterTests;

/// <summary>
/// PostgreSQL + RabbitMQ + a gateway + two web nodes + a files node + a workers node (sharing one file store
/// folder), all real processes; an organisation with
/// two members (Ann, Bob) set up through the gateway.
/// </summary>
#pragma warning disable CA1001 // disposed through IAsyncLifetime.DisposeAsync
public sealed class ClusterFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string Password = "correct horse battery staple";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "platform-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    // Owned and disposed in DisposeAsync (xunit's lifetime for fixtures), not IDisposable.
#pragma warning disable CA2213
    private PostgresServer _postgres = null!;
    private RabbitMqServer _rabbit = null!;
#pragma warning restore CA2213

    public HostNode Gateway { get; private set; } = null!;
    public HostNode Web1 { get; private set; } = null!;
    public HostNode Web2 { get; private set; } = null!;
    public HostNode Files { get; private set; } = null!;
    public HostNode Workers { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;
    public Dictionary<string, string?> NodeEnvironment { get; } = new();
    public string AnnToken { get; private set; } = null!;
    public string BobToken { get; private set; } = null!;
    public Guid AnnId { get; private set; }
    public Guid BobId { get; private set; }
    public List<HostNode> ExtraNodes { get; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _postgres = new PostgresServer(Path.Combine(_root, "pg"), PortAllocator.GetFreeTcpPort()) { Durable = false };
        _rabbit = new RabbitMqServer(Path.Combine(_root, "rabbit"), PortAllocator.GetFreeTcpPort());
        await Task.WhenAll(_postgres.StartAsync(CancellationToken.None), _rabbit.StartAsync(CancellationToken.None));
        await _postgres.EnsureDatabaseAsync("platform", CancellationToken.None);
        ConnectionString = _postgres.ConnectionString("platform");

        NodeEnvironment["ConnectionStrings__Platform"] = ConnectionString;
        NodeEnvironment["ConnectionStrings__RabbitMq"] = _rabbit.AmqpUri;
        NodeEnvironment["Platform__Setup__Token"] = "cluster-test-token";
        NodeEnvironment["Platform__Cluster__HeartbeatInterval"] = "00:00:01";
        NodeEnvironment["Platform__Cluster__DownAfter"] = "00:00:04";
        NodeEnvironment["Platform__Gateway__NodeDownAfter"] = "00:00:04";
        NodeEnvironment["Platform__Gateway__RefreshInterval"] = "00:00:01";
        NodeEnvironment["Platform__Cluster__DrainDelay"] = "00:00:02";
        NodeEnvironment["Platform__Gateway__HealthCheckInterval"] = "00:00:01";
        NodeEnvironment["Platform__Realtime__PollInterval"] = "00:00:01";
        NodeEnvironment["Platform__Files__Local__Root"] = Path.Combine(_root, "files");

        await ProcessRunner.RunAsync("dotnet", [HostBinary.Path, "migrate"], new ProcessRunOptions
        {
            Environment = NodeEnvironment, Timeout = TimeSpan.FromMinutes(2),
        });

        Web1 = new HostNode("web-1", "web", PortAllocator.GetFreeTcpPort(), NodeEnvironment);
        Web2 = new HostNode("web-2", "web", PortAllocator.GetFreeTcpPort(), NodeEnvironment);
        Gateway = new HostNode("gateway", "gateway", PortAllocator.GetFreeTcpPort(), NodeEnvironment);
        Files = new HostNode("files-1", "files", PortAllocator.GetFreeTcpPort(), NodeEnvironment);
        Workers = new HostNode("workers-1", "workers", PortAllocator.GetFreeTcpPort(), NodeEnvironment);
        await Task.WhenAll(Web1.StartAsync(), Web2.StartAsync(), Gateway.StartAsync(), Files.StartAsync(), Workers.StartAsync());
        await WaitForGatewayDestinationsAsync(2);

        var people = await SetUpOrganizationAsync(Gateway, "cluster-test-token");
        (AnnToken, BobToken, AnnId, BobId) = (people.AnnToken, people.BobToken, people.AnnId, people.BobId);
    }

    /// <summary>First-run setup through <paramref name="node"/>: an organisation with Ann (admin) and Bob, both signed in.</summary>
    public static async Task<OrganizationPeople> SetUpOrganizationAsync(HostNode node, string setupToken)
    {
        using var client = ClientFor(node);
        var setup = await client.PostAsJsonAsync("/api/v1/setup", new
        {
            setupToken, organizationName = "Cluster Org",
            adminEmail = "ann@cluster.test", adminDisplayName = "Ann", adminPassword = Password,
        });
        setup.EnsureSuccessStatusCode();
        var annToken = await LoginAsync(client, "ann@cluster.test");
        using var ann = ClientFor(node, annToken);
        (await ann.PostAsJsonAsync("/api/v1/users", new { email = "bob@cluster.test", displayName = "Bob", password = Password })).EnsureSuccessStatusCode();
        var bobToken = await LoginAsync(client, "bob@cluster.test");
        var annId = (await ann.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();
        using var bob = ClientFor(node, bobToken);
        var bobId = (await bob.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();
        return new OrganizationPeople(annToken, bobToken, annId, bobId);
    }

    public HttpClient GatewayClient(string? token = null) => ClientFor(Gateway, token);

    public static HttpClient ClientFor(HostNode node, string? token = null)
    {
        var client = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A database of its own on the cluster's PostgreSQL (for a node that must be alone on its data).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await _postgres.EnsureDatabaseAsync(name, CancellationToken.None);
        return _postgres.ConnectionString(name);
    }

    private static async Task<string> LoginAsync(HttpClient client, string email)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// Waits until the gateway itself routes to exactly this many web nodes (its <c>/health/node</c>
    /// counts the destinations it knows and that pass its health probes).
    /// </summary>
    public async Task WaitForGatewayDestinationsAsync(int webNodes, HostNode? gateway = null)
    {
        gateway ??= Gateway;
        // 60 s like every other wait here: on a loaded machine a node's first heartbeat can take that long.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        using var client = new HttpClient { BaseAddress = gateway.Url, Timeout = TimeSpan.FromSeconds(10) };
        int? seen = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var info = await client.GetFromJsonAsync<GatewayNodeInfo>("/health/node");
                seen = info?.AvailableNodes?.GetValueOrDefault("web");
                if (seen == webNodes)
                    return;
            }
            catch (HttpRequestException)
            {
                // The gateway is still starting.
            }
            catch (TaskCanceledException)
            {
                // A slow answer on a loaded machine: ask again.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The gateway never routed to {webNodes} web nodes (last seen: {seen?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).");
    }

    private sealed record GatewayNodeInfo(IReadOnlyDictionary<string, int>? AvailableNodes);

    public async Task<HostNode> StartExtraNodeAsync(string id, IReadOnlyDictionary<string, string?>? extra = null, string roles = "web", int? httpsPort = null)
    {
        var node = new HostNode(id, roles, PortAllocator.GetFreeTcpPort(), NodeEnvironment, httpsPort);
        ExtraNodes.Add(node);
        await node.StartAsync(extra);
        return node;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in ExtraNodes.Concat([Gateway, Web1, Web2, Files, Workers]).Where(n => n is not null))
            await node.DisposeAsync();
        await _rabbit.DisposeAsync();
        await _postgres.DisposeAsync();
        HostNode.DeleteTempFolder(_root);
    }
}

public sealed record OrganizationPeople(string AnnToken, string BobToken, Guid AnnId, Guid BobId);

[CollectionDefinition(Name)]
public sealed class ClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
