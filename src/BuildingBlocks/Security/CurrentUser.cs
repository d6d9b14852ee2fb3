using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Platform.BuildingBlocks.Security;

public static class PlatformClaims
{
    public const string UserId = ClaimTypes.NameIdentifier;
    public const string OrganizationId = "org";
    public const string DisplayName = "name";
    public const string OrganizationAdminRole = "org-admin";
}

public static class PlatformPolicies
{
    /// <summary>Any signed-in member of an organisation. Every tenant-scoped endpoint requires it.</summary>
    public const string Member = "member";
    /// <summary>An administrator of the caller's organisation.</summary>
    public const string OrganizationAdmin = "org-admin";
}

/// <summary>
/// Who is calling, read from the authenticated principal. Every query a module runs on behalf of
/// a user filters by <see cref="OrganizationId"/>; that is the tenant boundary.
/// </summary>
public sealed record CurrentUser(Guid UserId, Guid OrganizationId, bool IsAdmin)
{
    public static CurrentUser From(ClaimsPrincipal principal)
    {
        if (Guid.TryParse(principal.FindFirstValue(PlatformClaims.UserId), out var userId)
            && Guid.TryParse(principal.FindFirstValue(PlatformClaims.OrganizationId), out var organizationId))
            return new CurrentUser(userId, organizationId, principal.IsInRole(PlatformClaims.OrganizationAdminRole));
        // Endpoints using CurrentUser require the Member policy, so this means a wiring bug.
        throw new InvalidOperationException("The caller is not an authenticated organisation member.");
    }

    /// <summary>Lets minimal-API handlers take <c>CurrentUser user</c> as a parameter.</summary>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) => ValueTask.FromResult<CurrentUser?>(From(context.User));
}
