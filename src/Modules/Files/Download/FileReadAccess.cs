using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Files.Contracts;
using Platform.Modules.Files.Data;
using Platform.Modules.Files.Domain;

namespace Platform.Modules.Files.Download;

/// <summary>
/// Who may read a file: its uploader, and anyone who may read a thing it is attached to (the owning module answers
/// through its <see cref="IFileAccessRule"/>). Always within the caller's organisation: another tenant's id is simply
/// not found.
/// </summary>
internal sealed class FileReadAccess(FilesDbContext db, IEnumerable<IFileAccessRule> rules)
{
    public async Task<StoredFile?> FindReadableAsync(CurrentUser me, Guid fileId, CancellationToken ct)
    {
        var file = await db.Files.AsNoTracking()
            .FirstOrDefaultAsync(f => f.Id == fileId && f.OrganizationId == me.OrganizationId, ct);
        if (file is null)
            return null;
        return file.UploadedBy == me.UserId || await CanReadThroughOwnersAsync(me, fileId, ct) ? file : null;
    }

    public async Task<bool> CanReadThroughOwnersAsync(CurrentUser me, Guid fileId, CancellationToken ct)
    {
        var owners = await db.Links.AsNoTracking()
            .Where(l => l.FileId == fileId && l.OrganizationId == me.OrganizationId)
            .Select(l => new { l.OwnerKind, l.OwnerId })
            .ToListAsync(ct);
        foreach (var kind in owners.GroupBy(o => o.OwnerKind))
        {
            var rule = rules.FirstOrDefault(r => r.OwnerKind == kind.Key);
            if (rule is not null && await rule.CanReadAnyAsync(me.OrganizationId, me.UserId, [.. kind.Select(o => o.OwnerId)], ct))
                return true;
        }

        return false;
    }
}
