using System.Globalization;
using Npgsql;
using Platform.AppHost.Hosting;

namespace Platform.AppHost.Resources;

/// <summary>
/// Reads the node registry (<c>platform.nodes</c>: every node's heartbeat with its load) straight from PostgreSQL every
/// 2 s and shows each node's CPU, in-flight requests, open SSE streams and memory in the status view. (The admin API
/// <c>/api/v1/admin/cluster/nodes</c> shows the same but needs a signed-in organisation admin.)
/// </summary>
public sealed class NodeRegistryMonitor(PostgresDatabaseResource database, IReadOnlyList<HostNodeResource> nodes)
    : IResourceMonitor
{
    /// <summary>A heartbeat older than this is shown as stale (nodes beat every 2 s; the gateway drops a node after 6 s).</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(6);
    private string? _connectionString;

    public async Task PollAsync(CancellationToken ct)
    {
        if (database.State != ResourceState.Running)
        {
            return;
        }

        _connectionString ??= new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Timeout = 2, CommandTimeout = 2, ApplicationName = "apphost",
        }.ConnectionString;
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                """
                SELECT id, cpu_percent, in_flight_requests, open_streams, memory_bytes, now() - last_heartbeat_at
                FROM platform.nodes
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var age = reader.GetFieldValue<TimeSpan>(5);
                var load = string.Create(CultureInfo.InvariantCulture,
                    $"cpu {Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture),3:0}% · {reader.GetValue(2)} req · {reader.GetValue(3)} sse · {Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture) / (1024 * 1024)} MB");
                rows[reader.GetString(0)] = age > StaleAfter ? $"stale: last heartbeat {age.TotalSeconds:0} s ago ({load})" : load;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidCastException or TimeoutException && !ct.IsCancellationRequested)
        {
            // No registry (yet), or PostgreSQL is away: show nothing rather than guesses.
            foreach (var node in nodes)
            {
                node.SetLoad(null);
            }

            return;
        }

        foreach (var node in nodes)
        {
            node.SetLoad(node.State != ResourceState.Running || node.NodeId is null ? null
                : rows.TryGetValue(node.NodeId, out var load) ? load
                : "not registered");
        }
    }
}
