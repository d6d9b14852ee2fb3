using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.BuildingBlocks.Cluster;
using Platform.BuildingBlocks.Modularity;
using Platform.Host.Infrastructure;

namespace Platform.Host.Cluster;

/// <summary>
/// Registers this node in <c>platform.nodes</c> once it listens, refreshes its load every
/// heartbeat, and removes the row on a clean stop. A node that dies simply stops heartbeating;
/// readers treat it as down after <see cref="ClusterOptions.DownAfter"/>.
/// <para>
/// A clean stop deregisters first, while the server still accepts requests, and then (when a gateway is running)
/// keeps serving for <see cref="ClusterOptions.DrainDelay"/> so that every gateway has re-read the registry before
/// the server stops listening and closes its idle connections. Without that pause a request could be sent over a
/// kept-alive connection at the moment the node closes it: a write that fails that way cannot safely be re-sent.
/// </para>
/// </summary>
internal sealed class NodeHeartbeatService(
    NpgsqlDataSource dataSource,
    NodeIdentity node,
    NodeRoles roles,
    NodeLoad load,
    StreamShutdown streams,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<ClusterOptions> options,
    ILogger<NodeHeartbeatService> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly CpuSampler _cpu = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The address is known only once Kestrel has bound its ports.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }

        var address = AdvertisedAddress.Choose(options.Value.AdvertisedUrl,
            server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [], AdvertisedAddress.FirstMachineAddress);
        logger.LogInformation("Registered in the node registry as {Address}", address);
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        try
        {
            do
            {
                try
                {
                    await BeatAsync(address, stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    // The database is away: this node will look down to the gateway until it is back,
                    // which is right, since it cannot serve writes either.
                    logger.LogWarning("Heartbeat failed: {Message}", ex.Message);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A stop, not a failure: without this the host logged "BackgroundService failed" on every stop.
        }
    }

    private async Task BeatAsync(string address, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO platform.nodes (id, roles, address, version, started_at, last_heartbeat_at, cpu_percent, in_flight_requests, open_streams, memory_bytes)
            VALUES (@id, @roles, @address, @version, @started, now(), @cpu, @inflight, @streams, @memory)
            ON CONFLICT (id) DO UPDATE SET address = excluded.address, last_heartbeat_at = now(), cpu_percent = excluded.cpu_percent,
                in_flight_requests = excluded.in_flight_requests, open_streams = excluded.open_streams, memory_bytes = excluded.memory_bytes
            """);
        command.Parameters.AddWithValue("id", node.Id);
        command.Parameters.AddWithValue("roles", roles.Roles.ToArray());
        command.Parameters.AddWithValue("address", address);
        command.Parameters.AddWithValue("version", node.Version);
        command.Parameters.AddWithValue("started", node.StartedAt);
        command.Parameters.AddWithValue("cpu", _cpu.Sample());
        command.Parameters.AddWithValue("inflight", load.InFlightRequests);
        command.Parameters.AddWithValue("streams", load.OpenStreams);
        command.Parameters.AddWithValue("memory", Environment.WorkingSet);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs before any hosted service stops, the web server included: it still serves during the drain.</summary>
    async Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DrainAsync(cancellationToken);
        }
        finally
        {
            // After the drain, before the web server stops: an open SSE stream would otherwise hold the stop
            // until the shutdown timeout. Its client reconnects through a gateway that no longer routes here.
            streams.EndAll();
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        // The heartbeat loop first, so that it cannot register the node again after the delete.
        await base.StopAsync(cancellationToken);
        var gatewaysRunning = await DeregisterAsync(cancellationToken);
        if (!gatewaysRunning || !(roles.Has(PlatformRoles.Web) || roles.Has(PlatformRoles.Files)))
            return;
        logger.LogInformation("Deregistered; serving {Delay} more while the gateways stop sending requests here", options.Value.DrainDelay);
        try
        {
            await Task.Delay(options.Value.DrainDelay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout: stop now.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DeregisterAsync(cancellationToken);
    }

    /// <returns>whether a gateway is running (it routes to this node and must first learn it is gone).</returns>
    private async Task<bool> DeregisterAsync(CancellationToken ct)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                """
                DELETE FROM platform.nodes WHERE id = @id;
                SELECT EXISTS (SELECT 1 FROM platform.nodes WHERE 'gateway' = ANY(roles) AND last_heartbeat_at > now() - @down);
                """);
            command.Parameters.AddWithValue("id", node.Id);
            command.Parameters.AddWithValue("down", options.Value.DownAfter);
            return await command.ExecuteScalarAsync(ct) is true;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            logger.LogWarning("Could not deregister node {Node}: {Message}", node.Id, ex.Message);
            return false;
        }
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Process CPU use since the previous sample, as a percentage of all cores.</summary>
    private sealed class CpuSampler
    {
        private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
        private long _lastTimestamp = Stopwatch.GetTimestamp();

        public double Sample()
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var now = Stopwatch.GetTimestamp();
            var wall = Stopwatch.GetElapsedTime(_lastTimestamp, now);
            var percent = wall > TimeSpan.Zero ? (cpu - _lastCpu) / wall / Environment.ProcessorCount * 100 : 0;
            (_lastCpu, _lastTimestamp) = (cpu, now);
            return Math.Round(Math.Clamp(percent, 0, 100), 1);
        }
    }
}
