using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Modules.Identity.People;

namespace Platform.Modules.Identity.Roles;

/// <summary><c>PUT</c>/<c>DELETE /roles/{id}/members/{userId}</c> (see <see cref="GroupMemberEndpoints"/>).</summary>
internal static class RoleMemberEndpoints
{
    private static readonly MemberGroup Roles = new("The role", "identity.role_members", "role_id",
        (db, organizationId, id, ct) => db.Roles.AnyAsync(r => r.Id == id && r.OrganizationId == organizationId, ct),
        (db, organizationId, id, userId, ct) => db.RoleMembers
            .Where(m => m.RoleId == id && m.UserId == userId && m.OrganizationId == organizationId)
            .ExecuteDeleteAsync(ct));

    public static void Map(RouteGroupBuilder roles) => GroupMemberEndpoints.Map(roles, Roles);
}
