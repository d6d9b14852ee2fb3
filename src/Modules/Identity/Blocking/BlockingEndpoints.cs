using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Authentication;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Blocking;

/// <summary>
/// An admin blocks a member (a person or a bot): they can no longer sign in, and every cookie,
/// access token, refresh token and API key they hold stops working: the security stamp changes,
/// and <see cref="MemberCheck"/> refuses blocked accounts on every request. Unblocking lets them
/// sign in again; sessions from before the block stay dead.
/// </summary>
internal static class BlockingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/users/{id:guid}/block", (Guid id, CurrentUser me, IdentityDbContext db, MemberCheck check, TimeProvider time, CancellationToken ct) =>
            SetBlockedAsync(id, blocked: true, me, db, check, time, ct)).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        api.MapPost("/users/{id:guid}/unblock", (Guid id, CurrentUser me, IdentityDbContext db, MemberCheck check, TimeProvider time, CancellationToken ct) =>
            SetBlockedAsync(id, blocked: false, me, db, check, time, ct)).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetBlockedAsync(
        Guid id, bool blocked, CurrentUser me, IdentityDbContext db, MemberCheck check, TimeProvider time, CancellationToken ct)
    {
        if (blocked && id == me.UserId)
            return Problems.Conflict("You cannot block yourself.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync(OrganizationLocks.Admins, me.OrganizationId, ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.OrganizationId == me.OrganizationId, ct);
        if (user is null)
            return Problems.NotFound("The user");
        if (user.IsBlocked == blocked)
            return TypedResults.NoContent();
        if (blocked && await db.IsLastActiveAdminAsync(me.OrganizationId, user.Id, ct))
            return Problems.Conflict("This is the organisation's last active administrator and cannot be blocked.");

        user.IsBlocked = blocked;
        user.BlockedAt = blocked ? time.GetUtcNowForDatabase() : null;
        if (blocked)
            user.RevokeSessions();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        check.Forget(user.Id);
        return TypedResults.NoContent();
    }
}
