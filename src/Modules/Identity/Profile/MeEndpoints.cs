using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Profile;

internal sealed record OrganizationInfo(Guid Id, string Name);

internal sealed record MeResponse(Guid Id, string Email, string DisplayName, bool IsAdmin, OrganizationInfo Organization);

internal static class MeEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me", async Task<Results<Ok<MeResponse>, ProblemHttpResult>> (CurrentUser me, IdentityDbContext db, CancellationToken ct) =>
        {
            var row = await db.Users.AsNoTracking()
                .Where(u => u.Id == me.UserId && u.OrganizationId == me.OrganizationId)
                .Join(db.Organizations, u => u.OrganizationId, o => o.Id, (u, o) => new MeResponse(
                    u.Id, u.Email!, u.DisplayName, u.IsOrganizationAdmin, new OrganizationInfo(o.Id, o.Name)))
                .FirstOrDefaultAsync(ct);
            return row is null ? Problems.NotFound("Your account") : TypedResults.Ok(row);
        }).RequireAuthorization(PlatformPolicies.Member);
}
