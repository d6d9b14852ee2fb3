using Microsoft.EntityFrameworkCore;

namespace Platform.Modules.Identity.Data;

/// <summary>An organisation must keep at least one active (not blocked) human administrator.</summary>
internal static class OrganizationAdmins
{
    /// <summary>
    /// True when <paramref name="userId"/> is the only active admin left, so blocking or demoting
    /// them would leave the organisation without one. Call under <see cref="OrganizationLocks.Admins"/>.
    /// </summary>
    public static async Task<bool> IsLastActiveAdminAsync(this IdentityDbContext db, Guid organizationId, Guid userId, CancellationToken ct)
    {
        var admins = await db.Users
            .Where(u => u.OrganizationId == organizationId && u.IsOrganizationAdmin && !u.IsBlocked && !u.IsBot)
            .Select(u => u.Id)
            .Take(2)
            .ToListAsync(ct);
        return admins.Count == 1 && admins[0] == userId;
    }
}
