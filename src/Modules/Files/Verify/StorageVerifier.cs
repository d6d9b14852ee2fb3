using System.Buffers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Platform.Modules.Files.Data;
using Platform.Modules.Files.Domain;
using Platform.Modules.Files.Storage;

namespace Platform.Modules.Files.Verify;

internal enum ProblemKind
{
    /// <summary>A file row whose object is not in the store.</summary>
    Missing,
    /// <summary>An object whose length or SHA-256 differs from its row.</summary>
    Corrupt,
    /// <summary>An object no row describes (a crash between store and commit, or a deleted row).</summary>
    Orphaned,
    /// <summary>A ready preview whose thumbnail is gone (regenerating it is enough).</summary>
    MissingPreview,
}

internal sealed record StorageProblem(ProblemKind Kind, string Key, Guid? OrganizationId, Guid? FileId, string? Name, string Detail);

internal sealed record VerifyProgress(int FilesChecked, int FilesTotal, long BytesChecked, long BytesTotal, int ObjectsListed);

internal sealed record VerifyReport(
    string Backend, int FilesChecked, long BytesChecked, int ObjectsListed, IReadOnlyList<StorageProblem> Problems, TimeSpan Elapsed)
{
    public int Count(ProblemKind kind) => Problems.Count(p => p.Kind == kind);
}

/// <summary>
/// <c>storage verify</c>: re-reads every stored file and compares it with its row (length and SHA-256), then lists
/// the store and reports objects no row describes. Read-only: it repairs nothing, it tells the operator what to
/// restore from backup (missing, corrupt) and what is safe to delete (orphaned).
/// </summary>
internal sealed class StorageVerifier(FilesDbContext db, IObjectStore store)
{
    private const int BufferSize = 1024 * 1024;

    public async Task<VerifyReport> VerifyAsync(Guid? organizationId, IProgress<VerifyProgress>? progress, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var query = db.Files.AsNoTracking();
        if (organizationId is { } org)
            query = query.Where(f => f.OrganizationId == org);
        var totals = await query.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Bytes = g.Sum(f => f.Length) }).FirstOrDefaultAsync(ct);
        int filesTotal = totals?.Count ?? 0, filesChecked = 0, listed = 0;
        long bytesTotal = totals?.Bytes ?? 0, bytesChecked = 0;
        var problems = new List<StorageProblem>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // Keyset pages by id: a stable walk over millions of rows without holding a cursor open for hours.
            var after = Guid.Empty;
            while (true)
            {
                var page = await query.Where(f => f.Id.CompareTo(after) > 0).OrderBy(f => f.Id).Take(500).ToListAsync(ct);
                if (page.Count == 0)
                    break;
                foreach (var file in page)
                {
                    known.Add(file.StorageKey);
                    var problem = await CheckAsync(file, buffer, read => { bytesChecked += read; }, ct);
                    if (problem is not null)
                        problems.Add(problem);
                    if (file.PreviewStatus == PreviewStates.Ready)
                    {
                        var thumbnail = ObjectKeys.Preview(file.OrganizationId, file.Id, "thumbnail.jpg");
                        if (await store.StatAsync(thumbnail, ct) is null)
                            problems.Add(new StorageProblem(ProblemKind.MissingPreview, thumbnail, file.OrganizationId, file.Id, file.Name, "The thumbnail is missing."));
                    }

                    filesChecked++;
                    progress?.Report(new VerifyProgress(filesChecked, filesTotal, bytesChecked, bytesTotal, listed));
                }

                after = page[^1].Id;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var prefix = organizationId is { } tenant ? ObjectKeys.TenantPrefix(tenant) : string.Empty;
        var previewOwners = new Dictionary<Guid, bool>();
        await foreach (var obj in store.ListAsync(prefix, ct))
        {
            listed++;
            if (known.Contains(obj.Key))
                continue;
            if (ObjectKeys.ParsePreview(obj.Key) is { } preview)
            {
                if (!previewOwners.TryGetValue(preview.FileId, out var exists))
                    previewOwners[preview.FileId] = exists = await db.Files.AnyAsync(f => f.Id == preview.FileId, ct);
                if (exists)
                    continue;
                problems.Add(new StorageProblem(ProblemKind.Orphaned, obj.Key, preview.OrganizationId, preview.FileId, null,
                    $"A preview of a file that no longer exists ({obj.Length} bytes)."));
                continue;
            }

            var content = ObjectKeys.ParseContent(obj.Key);
            problems.Add(new StorageProblem(ProblemKind.Orphaned, obj.Key, content?.OrganizationId, content?.FileId, null,
                content is null ? $"Not a key this platform writes ({obj.Length} bytes)." : $"No file row describes it ({obj.Length} bytes)."));
            if (listed % 100 == 0)
                progress?.Report(new VerifyProgress(filesChecked, filesTotal, bytesChecked, bytesTotal, listed));
        }

        progress?.Report(new VerifyProgress(filesChecked, filesTotal, bytesChecked, bytesTotal, listed));
        return new VerifyReport(store.Kind, filesChecked, bytesChecked, listed, problems, started.Elapsed);
    }

    private async Task<StorageProblem?> CheckAsync(StoredFile file, byte[] buffer, Action<long> onRead, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(file.StorageKey, ct);
        if (stream is null)
            return new StorageProblem(ProblemKind.Missing, file.StorageKey, file.OrganizationId, file.Id, file.Name, "The object is not in the store.");
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            length += read;
            onRead(read);
        }

        var hash = Convert.ToHexStringLower(sha256.GetHashAndReset());
        if (length != file.Length)
            return new StorageProblem(ProblemKind.Corrupt, file.StorageKey, file.OrganizationId, file.Id, file.Name, $"{length} bytes stored, {file.Length} expected.");
        return hash != file.Sha256
            ? new StorageProblem(ProblemKind.Corrupt, file.StorageKey, file.OrganizationId, file.Id, file.Name, $"SHA-256 {hash}, {file.Sha256} expected.")
            : null;
    }
}
