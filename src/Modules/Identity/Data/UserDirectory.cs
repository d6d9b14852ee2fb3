using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Modules.Identity.Contracts;

namespace Platform.Modules.Identity.Data;

internal sealed class UserDirectory(IdentityDbContext db, ILookupNormalizer normalizer) : IUserDirectory
{
    public Task<UserSummary?> FindAsync(Guid organizationId, Guid userId, CancellationToken ct) =>
        Summaries(db.Users.Where(u => u.OrganizationId == organizationId && u.Id == userId)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<UserSummary>> FindManyAsync(Guid organizationId, IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        await Summaries(db.Users.Where(u => u.OrganizationId == organizationId && userIds.Contains(u.Id))).ToListAsync(ct);

    public async Task<IReadOnlyList<Guid>> GetRoleMembersAsync(Guid organizationId, Guid roleId, CancellationToken ct) =>
        await db.RoleMembers.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && m.RoleId == roleId)
            .OrderBy(m => m.UserId)
            .Select(m => m.UserId)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<Guid>> FindRolesAsync(Guid organizationId, IReadOnlyCollection<Guid> roleIds, CancellationToken ct) =>
        roleIds.Count == 0 ? [] : await db.Roles.AsNoTracking()
            .Where(r => r.OrganizationId == organizationId && roleIds.Contains(r.Id))
            .Select(r => r.Id)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<Guid>> GetDepartmentMembersAsync(Guid organizationId, Guid departmentId, CancellationToken ct) =>
        await db.DepartmentMembers.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && m.DepartmentId == departmentId)
            .OrderBy(m => m.UserId)
            .Select(m => m.UserId)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<Guid>> GetRolesOfUserAsync(Guid organizationId, Guid userId, CancellationToken ct) =>
        await db.RoleMembers.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && m.UserId == userId)
            .OrderBy(m => m.RoleId)
            .Select(m => m.RoleId)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<UserSummary>> FindByEmailsAsync(Guid organizationId, IReadOnlyCollection<string> emails, CancellationToken ct)
    {
        var normalized = emails
            .Where(e => !string.IsNullOrWhiteSpace(e))
            .Select(e => normalizer.NormalizeEmail(e.Trim()))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (normalized.Count == 0)
            return [];
        return await Summaries(db.Users.Where(u =>
                u.OrganizationId == organizationId && u.NormalizedEmail != null && normalized.Contains(u.NormalizedEmail)))
            .ToListAsync(ct);
    }

    // Filter before projecting (EF cannot filter on a projection with init-only members).
    // Membership rows carry the organisation id, and they are written only after the role,
    // department and user were found in that organisation, so the filters above are the boundary.
    private static IQueryable<UserSummary> Summaries(IQueryable<PlatformUser> users) =>
        users.AsNoTracking()
            .Select(u => new UserSummary(u.Id, u.OrganizationId, u.Email ?? "", u.DisplayName) { IsBot = u.IsBot, IsBlocked = u.IsBlocked });
}
