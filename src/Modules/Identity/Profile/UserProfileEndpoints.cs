using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Authentication;
using Platform.Modules.Identity.Data;
using Platform.Modules.Identity.People;

namespace Platform.Modules.Identity.Profile;

internal sealed record UserProfile(
    Guid Id, string? Email, string DisplayName, string? Position, string? Phone, string? TimeZone, string? Locale,
    bool IsAdmin, bool IsBlocked, bool IsBot, DateTimeOffset CreatedAt,
    IReadOnlyList<NamedRef> Departments, IReadOnlyList<NamedRef> Roles);

/// <summary>Fields left out (or null) stay as they are; "" clears an optional field.</summary>
internal sealed record UpdateProfileRequest(
    string? DisplayName, string? Position, string? Phone, string? TimeZone, string? Locale, bool? IsAdmin);

/// <summary>
/// A member's profile: every member can read it; a member edits their own, an admin anyone's.
/// Only an admin can change <c>isAdmin</c>, and never so that no active admin is left.
/// </summary>
internal static class UserProfileEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users/{id:guid}", GetAsync).RequireAuthorization(PlatformPolicies.Member);
        api.MapPatch("/users/{id:guid}", UpdateAsync).RequireAuthorization(PlatformPolicies.Member);
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> GetAsync(
        Guid id, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.OrganizationId == me.OrganizationId, ct);
        return user is null ? Problems.NotFound("The user") : TypedResults.Ok(await ToProfileAsync(db, user, ct));
    }

    private static async Task<Results<Ok<UserProfile>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateProfileRequest request, CurrentUser me, IdentityDbContext db, MemberCheck check, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (request.IsAdmin is not null)
            await db.LockAsync(OrganizationLocks.Admins, me.OrganizationId, ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.OrganizationId == me.OrganizationId, ct);
        if (user is null)
            return Problems.NotFound("The user");
        if (user.Id != me.UserId && !me.IsAdmin)
            return Problems.Forbidden("Only an administrator can edit another member's profile.");

        var errors = new FieldErrors().Validate(request);
        var adminChange = request.IsAdmin is { } wanted && wanted != user.IsOrganizationAdmin;
        if (adminChange && !me.IsAdmin)
            return Problems.Forbidden("Only an administrator can change isAdmin.");
        if (adminChange && request.IsAdmin == true && user.IsBot)
            errors.Add("isAdmin", "a bot cannot be an administrator.");
        if (errors.Any)
            return errors.ToProblem();
        if (adminChange && request.IsAdmin == false && await db.IsLastActiveAdminAsync(me.OrganizationId, user.Id, ct))
            return Problems.Conflict("This is the organisation's last active administrator: make someone else an administrator first.");

        user.DisplayName = request.DisplayName?.Trim() ?? user.DisplayName;
        user.Position = ProfileValidation.Apply(user.Position, request.Position);
        user.PhoneNumber = ProfileValidation.Apply(user.PhoneNumber, request.Phone);
        user.TimeZone = ProfileValidation.Apply(user.TimeZone, request.TimeZone);
        user.Locale = ProfileValidation.Apply(user.Locale, request.Locale);
        if (adminChange)
            user.IsOrganizationAdmin = request.IsAdmin!.Value;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (adminChange)
            check.Forget(user.Id);
        return TypedResults.Ok(await ToProfileAsync(db, user, ct));
    }

    private static async Task<UserProfile> ToProfileAsync(IdentityDbContext db, PlatformUser user, CancellationToken ct)
    {
        var memberships = await Memberships.LoadAsync(db, user.OrganizationId, [user.Id], ct);
        return new UserProfile(
            user.Id, user.Email, user.DisplayName, user.Position, user.PhoneNumber, user.TimeZone, user.Locale,
            user.IsOrganizationAdmin, user.IsBlocked, user.IsBot, user.CreatedAt,
            memberships.DepartmentsOf(user.Id), memberships.RolesOf(user.Id));
    }
}
