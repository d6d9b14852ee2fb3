using Microsoft.EntityFrameworkCore;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Departments;

/// <summary>Keeps an organisation's departments a tree. Call under <see cref="OrganizationLocks.Departments"/>.</summary>
internal static class DepartmentTree
{
    /// <summary>
    /// True when making <paramref name="newParentId"/> the parent of <paramref name="departmentId"/>
    /// would put the department under itself: the new parent is the department or one of its
    /// descendants.
    /// </summary>
    public static async Task<bool> WouldCreateCycleAsync(IdentityDbContext db, Guid organizationId, Guid departmentId, Guid newParentId, CancellationToken ct)
    {
        var parents = await db.Departments.AsNoTracking()
            .Where(d => d.OrganizationId == organizationId)
            .Select(d => new { d.Id, d.ParentId })
            .ToDictionaryAsync(d => d.Id, d => d.ParentId, ct);
        return WouldCreateCycle(parents, departmentId, newParentId);
    }

    public static bool WouldCreateCycle(IReadOnlyDictionary<Guid, Guid?> parents, Guid departmentId, Guid newParentId)
    {
        var visited = new HashSet<Guid>();
        for (Guid? current = newParentId; current is { } id; current = parents.GetValueOrDefault(id))
        {
            if (id == departmentId)
                return true;
            // Stored data is a tree; this only guards the walk itself against a corrupted one.
            if (!visited.Add(id))
                return true;
        }
        return false;
    }
}
