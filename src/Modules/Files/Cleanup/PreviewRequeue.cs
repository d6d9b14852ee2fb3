using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Outbox;
using Platform.Modules.Files.Contracts;
using Platform.Modules.Files.Data;
using Platform.Modules.Files.Domain;

namespace Platform.Modules.Files.Cleanup;

/// <summary>
/// Previews still pending long after upload lost their job: the single-node in-memory bus loses a message in flight
/// when the process dies, and a preview job that keeps killing its worker would otherwise be redelivered forever. The
/// scheduler queues such files again (through the outbox, like the first time) up to <see cref="MaxRequeues"/> times,
/// then records them as failed, so no file stays "pending" for ever.
/// </summary>
internal sealed class PreviewRequeue(FilesDbContext db, TimeProvider time, ILogger<PreviewRequeue> logger)
{
    public const int MaxRequeues = 3;
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>Returns how many files were queued again.</summary>
    public async Task<int> RunOnceAsync(TimeSpan staleAfter, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - staleAfter;
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claimed with SKIP LOCKED: two scheduler nodes never queue the same file twice in one round.
        var stale = await db.Files
            .FromSqlInterpolated($"""
                SELECT * FROM files.files
                WHERE preview_status = {PreviewStates.Pending} AND created_at < {cutoff}
                ORDER BY created_at
                LIMIT 100
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        var queued = 0;
        foreach (var file in stale)
        {
            if (!file.RequeuePreview(MaxRequeues))
                continue;
            queued++;
            // The same event as the upload's: the job is idempotent, so a late original delivery does no harm.
            db.AddIntegrationEvent(new FileUploaded(file.OrganizationId, file.Id, file.Name, file.ContentType, file.Length, time.GetUtcNow()));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (stale.Count > 0)
            logger.LogWarning("Previews pending since before {Cutoff}: {Queued} queued again, {GaveUp} given up", cutoff, queued, stale.Count - queued);
        return queued;
    }
}
