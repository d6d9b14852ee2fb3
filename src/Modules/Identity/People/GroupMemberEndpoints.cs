using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.People;

/// <summary>
/// A kind of group whose membership is a (group, user, organisation) row: departments and roles.
/// <see cref="MembersTable"/> and <see cref="GroupColumn"/> are constants of the code, never input.
/// </summary>
internal sealed record MemberGroup(
    string Noun,
    string MembersTable,
    string GroupColumn,
    Func<IdentityDbContext, Guid, Guid, CancellationToken, Task<bool>> ExistsAsync,
    Func<IdentityDbContext, Guid, Guid, Guid, CancellationToken, Task<int>> RemoveAsync);

/// <summary>
/// <c>PUT /{group}/{id}/members/{userId}</c> adds, <c>DELETE</c> removes; both admin-only and
/// idempotent (204 whether or not the user was already a member). Another organisation's group
/// or user is 404.
/// </summary>
internal static class GroupMemberEndpoints
{
    public static void Map(RouteGroupBuilder groups, MemberGroup kind)
    {
        groups.MapPut("/{id:guid}/members/{userId:guid}", (Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct) =>
                AddAsync(kind, id, userId, me, db, ct))
            .RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        groups.MapDelete("/{id:guid}/members/{userId:guid}", (Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct) =>
                RemoveAsync(kind, id, userId, me, db, ct))
            .RequireAuthorization(PlatformPolicies.OrganizationAdmin);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AddAsync(
        MemberGroup kind, Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        if (await FindProblemAsync(kind, id, userId, me, db, ct) is { } problem)
            return problem;
        // Idempotent insert: a concurrent identical request cannot turn into a 500.
#pragma warning disable EF1002 // table and column names are constants of MemberGroup; the values are parameters
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {kind.MembersTable} ({kind.GroupColumn}, user_id, organization_id) VALUES ({{0}}, {{1}}, {{2}}) ON CONFLICT DO NOTHING",
            [id, userId, me.OrganizationId], ct);
#pragma warning restore EF1002
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        MemberGroup kind, Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        if (await FindProblemAsync(kind, id, userId, me, db, ct) is { } problem)
            return problem;
        await kind.RemoveAsync(db, me.OrganizationId, id, userId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<ProblemHttpResult?> FindProblemAsync(MemberGroup kind, Guid id, Guid userId, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        if (!await kind.ExistsAsync(db, me.OrganizationId, id, ct))
            return Problems.NotFound(kind.Noun);
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.OrganizationId == me.OrganizationId && u.DeletedAt == null, ct))
            return Problems.NotFound("The user");
        return null;
    }
}
