using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modules.Files.Data;
using Platform.Modules.Files.Domain;
using Platform.Modules.Files.Storage;

namespace Platform.Modules.Files.Cleanup;

/// <summary>
/// Deletes uploads nobody attached within <c>Platform:Files:OrphanAge</c> (Pyrus: "unreferenced uploads are removed
/// after a while"): their object, their previews, their row, and their bytes from the tenant's usage. Rows are taken
/// with FOR UPDATE SKIP LOCKED, so several scheduler nodes share the work without deleting anything twice, and an
/// attach racing the deletion either wins (the row is no longer an orphan) or finds the file gone.
/// </summary>
internal sealed class OrphanCleanup(FilesDbContext db, IObjectStore store, IOptions<FilesOptions> options, TimeProvider time, ILogger<OrphanCleanup> logger)
{
    private const int BatchSize = 100;

    /// <summary>Deletes every orphan older than the orphan age; returns how many files went.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Value.OrphanAge;
        var total = 0;
        while (true)
        {
            var deleted = await DeleteBatchAsync(cutoff, ct);
            total += deleted;
            if (deleted < BatchSize)
                break;
        }

        if (store is LocalObjectStore local)
            await local.DeleteStaleTemporaryFilesAsync(TimeSpan.FromHours(6), ct);
        if (total > 0)
            logger.LogInformation("Deleted {Count} unattached uploads older than {Cutoff}", total, cutoff);
        return total;
    }

    private async Task<int> DeleteBatchAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var orphans = await db.Files
            .FromSqlInterpolated($"""
                SELECT * FROM files.files
                WHERE attached_at IS NULL AND created_at < {cutoff}
                ORDER BY created_at
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (orphans.Count == 0)
            return 0;

        // Objects first: if the commit below fails, the rows stay and the next run deletes them (deleting a missing
        // object is fine). The other order could leave objects no row describes.
        foreach (var file in orphans)
        {
            await store.DeleteAsync(file.StorageKey, ct);
            await store.DeleteAllAsync(ObjectKeys.PreviewPrefix(file.OrganizationId, file.Id), ct);
        }

        // Tenant rows locked in a fixed order: two cleaners (or a cleaner and uploads) never deadlock on them.
        foreach (var tenant in orphans.GroupBy(f => f.OrganizationId).OrderBy(g => g.Key))
        {
            var account = await db.LockTenantStorageAsync(tenant.Key, ct);
            account.Remove(tenant.Sum(f => f.TotalBytes), tenant.Count());
        }

        db.Files.RemoveRange(orphans);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return orphans.Count;
    }
}

/// <summary>Runs <see cref="OrphanCleanup"/> and <see cref="PreviewRequeue"/> every <c>Platform:Files:CleanupInterval</c> on scheduler nodes.</summary>
internal sealed class OrphanCleanupService(IServiceScopeFactory scopes, IOptions<FilesOptions> options, ILogger<OrphanCleanupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OrphanCleanup>().RunOnceAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<PreviewRequeue>().RunOnceAsync(PreviewRequeue.StaleAfter, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round (database or storage briefly away) must not stop the next one.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Orphan clean-up failed; retrying in {Interval}", options.Value.CleanupInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
