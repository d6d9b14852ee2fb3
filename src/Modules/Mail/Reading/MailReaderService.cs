using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modules.Mail.Data;

namespace Platform.Modules.Mail.Reading;

/// <summary>
/// The mail-reader of a <c>mail</c> node. Every <see cref="MailOptions.CheckInterval"/> it renews the leases it holds
/// and takes the enabled mailboxes whose lease is free or expired, one <see cref="MailboxReader"/> per mailbox. A lease
/// is a row update in PostgreSQL (holder + until), so exactly one node reads a mailbox however many run; a node
/// that dies stops renewing and another takes over after at most LeaseDuration + CheckInterval. Even a node that
/// lost its lease without noticing (a long pause) cannot record a message: each record commits only while the lease
/// is still its own, and a message's UID is unique.
/// </summary>
internal sealed partial class MailReaderService(
    IServiceScopeFactory scopes, MailboxReader reader, IOptions<MailOptions> options, ILogger<MailReaderService> logger) : BackgroundService
{
    private readonly Dictionary<Guid, (Task Task, CancellationTokenSource Stop)> _reading = [];

    /// <summary>This node's name in <c>lease_holder</c>: host, process and a random part (a restarted process is a new holder).</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The mailboxes this node reads now (tests and /health/node read it).</summary>
    public IReadOnlyCollection<Guid> Reading => _reading.Keys.ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        LogStarted(Holder, settings.CheckInterval, settings.LeaseDuration);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await CheckAsync(settings, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The database is away (a failover): keep what runs; a lease not renewed in time is taken over
                    // elsewhere and this node's readers stop at their next record.
                    LogCheckFailed(e);
                }

                await Task.Delay(settings.CheckInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await StopAllAsync();
        }
    }

    private async Task CheckAsync(MailOptions settings, CancellationToken ct)
    {
        foreach (var (id, running) in _reading.Where(r => r.Value.Task.IsCompleted).ToList())
        {
            running.Stop.Dispose();
            _reading.Remove(id);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var seconds = settings.LeaseDuration.TotalSeconds;
        // One statement takes every free or expired lease and renews this node's own: two nodes checking at the same
        // moment cannot both win a row (the second UPDATE re-checks the condition after the first commits).
        var held = await db.Database.SqlQuery<Guid>($"""
            UPDATE mail.integrations SET lease_holder = {Holder}, lease_until = now() + make_interval(secs => {seconds})
            WHERE enabled AND (lease_holder = {Holder} OR lease_until IS NULL OR lease_until < now())
            RETURNING id AS "Value"
            """).ToListAsync(ct);

        foreach (var (id, running) in _reading.Where(r => !held.Contains(r.Key)).ToList())
        {
            // Disabled, deleted, or taken by another node after this one missed its renewals.
            await running.Stop.CancelAsync();
            _reading.Remove(id);
            LogReleased(id);
        }

        foreach (var id in held.Where(id => !_reading.ContainsKey(id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _reading[id] = (Task.Run(() => reader.RunAsync(id, Holder, stop.Token), CancellationToken.None), stop);
            LogTaken(id);
        }
    }

    private async Task StopAllAsync()
    {
        foreach (var (_, running) in _reading)
            await running.Stop.CancelAsync();
        try
        {
            await Task.WhenAll(_reading.Values.Select(r => r.Task)).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
        }

        // Hand the mailboxes over at once rather than after the lease runs out.
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE mail.integrations SET lease_holder = NULL, lease_until = NULL WHERE lease_holder = {Holder}", CancellationToken.None);
        }
        catch (Exception e)
        {
            LogCheckFailed(e);
        }

        foreach (var (_, running) in _reading)
            running.Stop.Dispose();
        _reading.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail reader {Holder} started (check every {CheckInterval}, leases of {LeaseDuration})")]
    private partial void LogStarted(string holder, TimeSpan checkInterval, TimeSpan leaseDuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took the lease of mailbox integration {IntegrationId}")]
    private partial void LogTaken(Guid integrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped reading mailbox integration {IntegrationId} (disabled, deleted or leased elsewhere)")]
    private partial void LogReleased(Guid integrationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail reader check failed; retrying at the next check")]
    private partial void LogCheckFailed(Exception e);
}
