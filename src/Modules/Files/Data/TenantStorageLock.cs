using Microsoft.EntityFrameworkCore;
using Platform.Modules.Files.Domain;

namespace Platform.Modules.Files.Data;

internal static class TenantStorageLock
{
    /// <summary>
    /// The organisation's storage row, created on first use, locked until the current transaction ends. Every change
    /// of usage or quota (upload, preview, clean-up, `storage quota`) goes through it, so none can overshoot another.
    /// </summary>
    public static async Task<TenantStorage> LockTenantStorageAsync(this FilesDbContext db, Guid organizationId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO files.tenant_storage (organization_id, used_bytes, file_count) VALUES ({organizationId}, 0, 0) ON CONFLICT DO NOTHING", ct);
        return await db.Tenants
            .FromSqlInterpolated($"SELECT * FROM files.tenant_storage WHERE organization_id = {organizationId} FOR UPDATE")
            .SingleAsync(ct);
    }
}
