using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Npgsql;
using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway;

/// <summary>
/// YARP's routes and clusters, rebuilt from the node registry every refresh: a node that starts
/// gets traffic within one refresh, one that stops cleanly (deregisters) or stops heartbeating
/// leaves the cluster without a gateway restart.
/// </summary>
internal sealed class RegistryProxyConfigProvider(
    NpgsqlDataSource dataSource,
    IOptions<GatewayOptions> options,
    NodeLoadTable loads,
    ILogger<RegistryProxyConfigProvider> logger) : BackgroundService, IProxyConfigProvider
{
    private volatile RegistryProxyConfig _config = new([], [], "");

    public override void Dispose()
    {
        _config.Dispose();
        base.Dispose();
    }

    public IProxyConfig GetConfig() => _config;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // Keep routing to the last known nodes: a database blip must not blank the gateway.
                logger.LogWarning("Node registry unavailable, keeping the last routes: {Message}", ex.Message);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        var nodes = await ReadLiveNodesAsync(ct);
        loads.Update(nodes);
        var fingerprint = string.Join('|', nodes.Select(n => $"{n.Id}={n.Address}:{string.Join(',', n.Roles)}"));
        if (fingerprint == _config.Fingerprint)
            return;

        var previous = _config;
        _config = RouteTable.Build(nodes, options.Value, fingerprint);
        logger.LogInformation("Gateway destinations: {Nodes}", fingerprint.Length == 0 ? "(none)" : fingerprint);
        previous.SignalChange();
    }

    private async Task<List<RegistryNode>> ReadLiveNodesAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT id, roles, address, cpu_percent, in_flight_requests, open_streams FROM platform.nodes
            WHERE last_heartbeat_at > now() - @down AND NOT ('gateway' = ANY(roles))
            ORDER BY id
            """);
        command.Parameters.AddWithValue("down", options.Value.NodeDownAfter);
        var nodes = new List<RegistryNode>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            nodes.Add(new RegistryNode(reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetString(2),
                reader.GetDouble(3), reader.GetInt32(4), reader.GetInt32(5)));
        return nodes;
    }
}

internal sealed class RegistryProxyConfig : IProxyConfig, IDisposable
{
    private readonly CancellationTokenSource _changed = new();

    public RegistryProxyConfig(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters, string fingerprint)
    {
        Routes = routes;
        Clusters = clusters;
        Fingerprint = fingerprint;
        ChangeToken = new CancellationChangeToken(_changed.Token);
    }

    public IReadOnlyList<RouteConfig> Routes { get; }
    public IReadOnlyList<ClusterConfig> Clusters { get; }
    public IChangeToken ChangeToken { get; }
    public string Fingerprint { get; }

    /// <summary>Tells YARP to read the new configuration (its callbacks run inside Cancel).</summary>
    public void SignalChange()
    {
        _changed.Cancel();
        _changed.Dispose();
    }

    public void Dispose() => _changed.Dispose();
}
