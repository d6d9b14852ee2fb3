using Microsoft.EntityFrameworkCore;
using Platform.Modules.Identity.Contracts;

namespace Platform.Modules.Identity.Data;

internal sealed class UserDirectory(IdentityDbContext db) : IUserDirectory
{
    public Task<UserSummary?> FindAsync(Guid organizationId, Guid userId, CancellationToken ct) =>
        db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId && u.Id == userId)
            .Select(u => new UserSummary(u.Id, u.OrganizationId, u.Email!, u.DisplayName))
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<UserSummary>> FindManyAsync(Guid organizationId, IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId && userIds.Contains(u.Id))
            .Select(u => new UserSummary(u.Id, u.OrganizationId, u.Email!, u.DisplayName))
            .ToListAsync(ct);
}
