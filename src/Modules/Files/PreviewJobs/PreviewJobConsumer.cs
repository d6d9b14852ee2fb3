using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modules.Files.Contracts;
using Platform.Modules.Files.Data;
using Platform.Modules.Files.Domain;
using Platform.Modules.Files.Previews;
using Platform.Modules.Files.Storage;

namespace Platform.Modules.Files.PreviewJobs;

/// <summary>
/// The preview job (the seed's preview-generator), on workers nodes: for each uploaded file, fetch it into a private
/// work folder, let <see cref="PreviewRenderer"/> convert it in bounded child processes, store the images next to the
/// file (<see cref="ObjectKeys.Preview"/>), and record the outcome on the file. A bad file ends as a recorded status,
/// never as an exception: only infrastructure failures (database, storage) throw, and the bus retries those.
/// Idempotent: a redelivered message for a file whose preview is no longer pending does nothing.
/// </summary>
internal sealed class PreviewJobConsumer(
    FilesDbContext db, IObjectStore store, PreviewRenderer renderer, IOptions<FilesOptions> options, ILogger<PreviewJobConsumer> logger)
    : IConsumer<FileUploaded>
{
    public async Task Consume(ConsumeContext<FileUploaded> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        var file = await db.Files.AsNoTracking()
            .FirstOrDefaultAsync(f => f.Id == message.FileId && f.OrganizationId == message.OrganizationId, ct);
        if (file is null || file.PreviewStatus != PreviewStates.Pending)
            return;

        var limits = options.Value.Previews;
        if (file.Length > limits.MaxInputBytes)
        {
            await RecordAsync(file, f => f.PreviewNotMade(PreviewStates.Skipped,
                $"Files over {ByteSize.Format(limits.MaxInputBytes)} get no preview.", null, null, null), 0, ct);
            return;
        }

        var work = Directory.CreateTempSubdirectory("platform-preview-");
        try
        {
            var input = Path.Combine(work.FullName, "input");
            await using (var source = await store.OpenReadAsync(file.StorageKey, ct))
            {
                if (source is null)
                {
                    await RecordAsync(file, f => f.PreviewNotMade(PreviewStates.Failed, "The file's content is missing from storage.", null, null, null), 0, ct);
                    return;
                }

                await using var target = File.Create(input);
                await source.CopyToAsync(target, ct);
            }

            var output = Directory.CreateDirectory(Path.Combine(work.FullName, "out"));
            var result = await renderer.RenderAsync(input, output.FullName, ct);
            if (result.Status != PreviewStatus.Ready || result.ThumbnailPath is null)
            {
                var status = result.Status switch
                {
                    PreviewStatus.Unsupported => PreviewStates.Unsupported,
                    PreviewStatus.Skipped => PreviewStates.Skipped,
                    _ => PreviewStates.Failed,
                };
                logger.LogInformation("No preview for file {FileId}: {Status} {Reason}", file.Id, status, result.Reason);
                await RecordAsync(file, f => f.PreviewNotMade(status, Truncate(result.Reason), result.PageCount, result.Width, result.Height), 0, ct);
                return;
            }

            long bytes = 0;
            bytes += await PutAsync(file, "thumbnail.jpg", result.ThumbnailPath, ct);
            for (var i = 0; i < result.PagePaths.Count; i++)
                bytes += await PutAsync(file, $"page-{i + 1}.jpg", result.PagePaths[i], ct);
            await RecordAsync(file, f => f.PreviewSucceeded(result.PagePaths.Count, result.PageCount, result.Width, result.Height, bytes), bytes, ct);
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not delete preview work folder {Folder}", work.FullName);
            }
        }
    }

    private async Task<long> PutAsync(StoredFile file, string name, string path, CancellationToken ct)
    {
        await using var content = File.OpenRead(path);
        var stored = await store.PutAsync(ObjectKeys.Preview(file.OrganizationId, file.Id, name), content, ct);
        return stored.Length;
    }

    /// <summary>Records the outcome and charges the previews' bytes to the tenant, in one transaction.</summary>
    private async Task RecordAsync(StoredFile original, Action<StoredFile> apply, long previewBytes, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var file = await db.Files.FromSqlInterpolated($"SELECT * FROM files.files WHERE id = {original.Id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (file is null)
        {
            // Deleted meanwhile (orphan clean-up, which may have listed the previews before we stored them).
            await transaction.RollbackAsync(ct);
            await store.DeleteAllAsync(ObjectKeys.PreviewPrefix(original.OrganizationId, original.Id), ct);
            return;
        }

        // Another delivery of the same message got there first.
        if (file.PreviewStatus != PreviewStates.Pending)
            return;
        apply(file);
        if (previewBytes > 0)
        {
            // Previews are charged even past the quota: the upload was accepted, and a preview is a few hundred KB.
            var account = await db.LockTenantStorageAsync(file.OrganizationId, ct);
            account.Add(previewBytes, 0);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static string? Truncate(string? reason) => reason is { Length: > 500 } ? reason[..500] : reason;
}
