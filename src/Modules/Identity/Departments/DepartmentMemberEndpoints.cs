using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Modules.Identity.People;

namespace Platform.Modules.Identity.Departments;

/// <summary><c>PUT</c>/<c>DELETE /departments/{id}/members/{userId}</c> (see <see cref="GroupMemberEndpoints"/>).</summary>
internal static class DepartmentMemberEndpoints
{
    private static readonly MemberGroup Departments = new("The department", "identity.department_members", "department_id",
        (db, organizationId, id, ct) => db.Departments.AnyAsync(d => d.Id == id && d.OrganizationId == organizationId, ct),
        (db, organizationId, id, userId, ct) => db.DepartmentMembers
            .Where(m => m.DepartmentId == id && m.UserId == userId && m.OrganizationId == organizationId)
            .ExecuteDeleteAsync(ct));

    public static void Map(RouteGroupBuilder departments) => GroupMemberEndpoints.Map(departments, Departments);
}
