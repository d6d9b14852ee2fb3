using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Files.Contracts;
using Platform.Modules.Files.Data;
using Platform.Modules.Files.Domain;
using Platform.Modules.Files.Download;

namespace Platform.Modules.Files.Attachments;

/// <summary>
/// Links files to their owner (see <see cref="IFileAttachments"/>). A user may attach a file they uploaded, or one
/// they can already read through another owner (forwarding an attachment from one task to another); never a file of
/// another organisation, whose id is reported as not found exactly like a missing one.
/// </summary>
internal sealed class FileAttachments(FilesDbContext db, FileReadAccess access, TimeProvider time) : IFileAttachments
{
    public const int MaxFilesPerAttach = 50;

    public async Task<AttachResult> AttachAsync(
        Guid organizationId, Guid userId, IReadOnlyCollection<Guid> fileIds, FileOwner owner, CancellationToken ct)
    {
        var ids = fileIds.Distinct().ToList();
        if (ids.Count == 0)
            return new AttachResult([], []);
        if (ids.Count > MaxFilesPerAttach)
            return new AttachResult([], [new AttachFailure(ids[MaxFilesPerAttach], $"At most {MaxFilesPerAttach} files can be attached at once.")]);

        var files = await db.Files.Where(f => ids.Contains(f.Id) && f.OrganizationId == organizationId).ToListAsync(ct);
        var me = new CurrentUser(userId, organizationId, IsAdmin: false);
        var failures = new List<AttachFailure>();
        foreach (var id in ids)
        {
            var file = files.FirstOrDefault(f => f.Id == id);
            if (file is null || (file.UploadedBy != userId && !await access.CanReadThroughOwnersAsync(me, id, ct)))
                failures.Add(new AttachFailure(id, "The file does not exist or you have no access to it."));
        }

        if (failures.Count > 0)
            return new AttachResult([], failures);

        var now = time.GetUtcNowForDatabase();
        var existing = await db.Links
            .Where(l => ids.Contains(l.FileId) && l.OwnerKind == owner.Kind && l.OwnerId == owner.Id)
            .Select(l => l.FileId)
            .ToListAsync(ct);
        foreach (var file in files)
        {
            file.MarkAttached(now);
            if (!existing.Contains(file.Id))
                db.Links.Add(FileLink.Create(file.Id, owner.Kind, owner.Id, organizationId, userId, now));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The orphan clean-up deleted one of them between our read and our write (it only takes files that were
            // never attached and are older than the orphan age): as if it had not existed.
            db.ChangeTracker.Clear();
            return new AttachResult([], [.. ids.Select(id => new AttachFailure(id, "The file no longer exists; upload it again."))]);
        }

        return new AttachResult(
            [.. ids.Select(id => files.First(f => f.Id == id)).Select(f => new AttachedFile(f.Id, f.Name, f.ContentType, f.Length, f.Sha256))],
            []);
    }
}
