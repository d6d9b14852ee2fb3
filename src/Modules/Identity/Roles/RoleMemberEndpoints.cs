using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Roles;

/// <summary><c>PUT /roles/{id}/members/{userId}</c> adds, <c>DELETE</c> removes; both idempotent (204).</summary>
internal static class RoleMemberEndpoints
{
    public static void Map(RouteGroupBuilder roles)
    {
        roles.MapPut("/{id:guid}/members/{userId:guid}", AddAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        roles.MapDelete("/{id:guid}/members/{userId:guid}", RemoveAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AddAsync(
        Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        if (await FindProblemAsync(id, userId, me, db, ct) is { } problem)
            return problem;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO identity.role_members (role_id, user_id, organization_id)
            VALUES ({id}, {userId}, {me.OrganizationId}) ON CONFLICT DO NOTHING
            """, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        if (await FindProblemAsync(id, userId, me, db, ct) is { } problem)
            return problem;
        await db.RoleMembers
            .Where(m => m.RoleId == id && m.UserId == userId && m.OrganizationId == me.OrganizationId)
            .ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ProblemHttpResult?> FindProblemAsync(Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        if (!await db.Roles.AnyAsync(r => r.Id == id && r.OrganizationId == me.OrganizationId, ct))
            return Problems.NotFound("The role");
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.OrganizationId == me.OrganizationId, ct))
            return Problems.NotFound("The user");
        return null;
    }
}
