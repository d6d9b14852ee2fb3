using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Outbox;
using Platform.Modules.Files.Contracts;
using Platform.Modules.Files.Data;
using Platform.Modules.Files.Domain;
using Platform.Modules.Files.Storage;

namespace Platform.Modules.Files.Upload;

internal abstract record UploadOutcome
{
    public sealed record Stored(StoredFile File) : UploadOutcome;

    public sealed record TooLarge(long MaxBytes) : UploadOutcome;

    public sealed record OverQuota(long UsedBytes, long QuotaBytes) : UploadOutcome;

    /// <summary>The body itself was broken (a multipart body cut short, a body shorter than its Content-Length).</summary>
    public sealed record Malformed(string Detail) : UploadOutcome;

    /// <summary>An upload with the same Idempotency-Key got there first; this one's bytes were dropped.</summary>
    public sealed record Duplicate(IdempotencyRecord Winner) : UploadOutcome;
}

/// <summary>
/// Stores one upload: streams it into the object store while hashing it, then records it and charges the tenant's
/// quota in one transaction (the tenant row is locked, so parallel uploads cannot overshoot together). Anything that
/// fails after the bytes were stored deletes them again: nothing is kept that no row describes.
/// <para>
/// An <c>Idempotency-Key</c> is recorded in that same final transaction, not around the whole upload (a transaction
/// open while gigabytes stream in would hold a connection and a snapshot for minutes). The endpoint replays a key
/// already recorded before reading the body; two uploads with one key racing each other both stream, the first to
/// commit wins, and the other drops its bytes and replays the winner.
/// </para>
/// </summary>
internal sealed class FileUploader(
    FilesDbContext db, IObjectStore store, IOptions<FilesOptions> options, TimeProvider time, ILogger<FileUploader> logger)
{
    private readonly FilesOptions _options = options.Value;

    public long MaxUploadBytes => _options.MaxUploadBytes;

    /// <summary>The outcome recorded for this user's key by an earlier upload, if any.</summary>
    public Task<IdempotencyRecord?> FindRecordAsync(Guid userId, string key, CancellationToken ct) =>
        db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);

    /// <param name="remember">the key's record for the stored file, when the request carried an Idempotency-Key.</param>
    public async Task<UploadOutcome> UploadAsync(
        Guid organizationId, Guid userId, string? clientName, Stream body, long? declaredLength,
        Func<StoredFile, IdempotencyRecord>? remember, CancellationToken ct)
    {
        var maxBytes = _options.MaxUploadBytes;
        if (declaredLength > maxBytes)
            return new UploadOutcome.TooLarge(maxBytes);

        // A cheap early answer before any byte is read; the charge below is the authoritative check.
        var account = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.OrganizationId == organizationId, ct);
        var used = account?.UsedBytes ?? 0;
        var quota = account?.EffectiveQuota(_options.DefaultQuotaBytes) ?? _options.DefaultQuotaBytes;
        var remaining = Math.Max(0, quota - used);
        if (declaredLength > remaining)
            return new UploadOutcome.OverQuota(used, quota);

        var name = FileNames.Sanitize(clientName);
        var id = Guid.CreateVersion7();
        var key = ObjectKeys.Content(organizationId, id);
        await using var hashing = new HashingReadStream(body, maxBytes, remaining);
        try
        {
            await store.PutAsync(key, hashing, ct);
        }
        catch (UploadLimitExceededException ex)
        {
            return ex.Limit == UploadLimit.FileSize
                ? new UploadOutcome.TooLarge(maxBytes)
                : new UploadOutcome.OverQuota(used, quota);
        }

        var (sha256, md5) = hashing.GetHashes();
        try
        {
            var file = StoredFile.Create(id, organizationId, userId, name, FileNames.ContentTypeOf(name),
                hashing.BytesRead, sha256, md5, key, time.GetUtcNowForDatabase());
            if (await ChargeAsync(file, remember, ct) is { } refused)
            {
                await store.DeleteAsync(key, CancellationToken.None);
                return refused;
            }

            return new UploadOutcome.Stored(file);
        }
        catch
        {
            // The client may have gone (ct cancelled) or the database failed: the bytes must not outlive the request.
            await DeleteQuietlyAsync(key);
            throw;
        }
    }

    private async Task<UploadOutcome?> ChargeAsync(StoredFile file, Func<StoredFile, IdempotencyRecord>? remember, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var account = await db.LockTenantStorageAsync(file.OrganizationId, ct);
            if (!account.CanAdd(file.Length, _options.DefaultQuotaBytes))
                return new UploadOutcome.OverQuota(account.UsedBytes, account.EffectiveQuota(_options.DefaultQuotaBytes));
            account.Add(file.Length, 1);
            db.Files.Add(file);
            db.AddIntegrationEvent(new FileUploaded(
                file.OrganizationId, file.Id, file.Name, file.ContentType, file.Length, file.CreatedAt));
            var record = remember?.Invoke(file);
            if (record is not null)
                db.Set<IdempotencyRecord>().Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (record is not null && IdempotencyKeys.IsTakenByConcurrentDuplicate(ex))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return new UploadOutcome.Duplicate(await db.Set<IdempotencyRecord>().AsNoTracking()
                    .FirstAsync(r => r.UserId == record.UserId && r.Key == record.Key, CancellationToken.None));
            }
            return (UploadOutcome?)null;
        });
    }

    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
#pragma warning disable CA1031 // Best effort: `storage verify` reports an object that survived this as orphaned.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Could not delete object {Key} after a failed upload", key);
        }
    }
}
