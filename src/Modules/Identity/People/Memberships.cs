using Microsoft.EntityFrameworkCore;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.People;

internal sealed record NamedRef(Guid Id, string Name);

/// <summary>The departments and roles of a page of users, in two queries.</summary>
internal sealed class Memberships
{
    private static readonly IReadOnlyList<NamedRef> None = [];

    private readonly ILookup<Guid, NamedRef> _departments;
    private readonly ILookup<Guid, NamedRef> _roles;

    private Memberships(ILookup<Guid, NamedRef> departments, ILookup<Guid, NamedRef> roles)
    {
        _departments = departments;
        _roles = roles;
    }

    public IReadOnlyList<NamedRef> DepartmentsOf(Guid userId) => _departments.Contains(userId) ? _departments[userId].ToList() : None;

    public IReadOnlyList<NamedRef> RolesOf(Guid userId) => _roles.Contains(userId) ? _roles[userId].ToList() : None;

    public static async Task<Memberships> LoadAsync(IdentityDbContext db, Guid organizationId, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        var departments = await db.DepartmentMembers.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && userIds.Contains(m.UserId))
            .Join(db.Departments, m => m.DepartmentId, d => d.Id, (m, d) => new { m.UserId, d.Id, d.Name })
            .OrderBy(x => x.Name).ThenBy(x => x.Id)
            .ToListAsync(ct);
        var roles = await db.RoleMembers.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && userIds.Contains(m.UserId))
            .Join(db.Roles, m => m.RoleId, r => r.Id, (m, r) => new { m.UserId, r.Id, r.Name })
            .OrderBy(x => x.Name).ThenBy(x => x.Id)
            .ToListAsync(ct);
        return new Memberships(
            departments.ToLookup(x => x.UserId, x => new NamedRef(x.Id, x.Name)),
            roles.ToLookup(x => x.UserId, x => new NamedRef(x.Id, x.Name)));
    }
}
