using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Departments;

/// <summary>
/// <c>PUT /departments/{id}/members/{userId}</c> adds, <c>DELETE</c> removes; both are idempotent
/// (204 whether or not the user was already a member).
/// </summary>
internal static class DepartmentMemberEndpoints
{
    public static void Map(RouteGroupBuilder departments)
    {
        departments.MapPut("/{id:guid}/members/{userId:guid}", AddAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        departments.MapDelete("/{id:guid}/members/{userId:guid}", RemoveAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AddAsync(
        Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        if (await FindProblemAsync(id, userId, me, db, ct) is { } problem)
            return problem;
        // Idempotent insert: a concurrent identical request cannot turn into a 500.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO identity.department_members (department_id, user_id, organization_id)
            VALUES ({id}, {userId}, {me.OrganizationId}) ON CONFLICT DO NOTHING
            """, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        if (await FindProblemAsync(id, userId, me, db, ct) is { } problem)
            return problem;
        await db.DepartmentMembers
            .Where(m => m.DepartmentId == id && m.UserId == userId && m.OrganizationId == me.OrganizationId)
            .ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ProblemHttpResult?> FindProblemAsync(Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        if (!await db.Departments.AnyAsync(d => d.Id == id && d.OrganizationId == me.OrganizationId, ct))
            return Problems.NotFound("The department");
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.OrganizationId == me.OrganizationId, ct))
            return Problems.NotFound("The user");
        return null;
    }
}
