using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Authentication;

internal sealed class MemberCheckOptions
{
    /// <summary>
    /// How long a node trusts what it last read about an account. This is the bound on how long
    /// a block (or a password change) takes to reach sessions served by other nodes; the node
    /// that made the change forgets its copy at once. Zero: read on every request.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(MemberAuthentication.DefaultCacheSeconds);
}

/// <summary>What a request needs to know about its account, read by primary key and cached briefly.</summary>
internal sealed record MemberState(Guid OrganizationId, string? SecurityStamp, bool IsBlocked, bool IsBot, bool IsAdmin);

/// <summary>
/// The request-time account check: every authenticated request (cookie, bearer token or API key)
/// is refused unless its account exists in the principal's organisation, is not blocked, is used
/// through the right door (bots only by API key), and the principal carries the account's current
/// security stamp. Blocking changes the stamp, so it ends every session and token at once
/// (within <see cref="MemberCheckOptions.CacheDuration"/> on other nodes), not when a cookie's
/// 5-minute revalidation or a token's hour runs out. The admin flag is taken from the account,
/// not from the (possibly older) cookie or token.
/// </summary>
internal sealed class MemberCheck(IMemoryCache cache, IOptions<MemberCheckOptions> options, IOptions<IdentityOptions> identityOptions)
{
    private sealed record CacheEntry(MemberState? State);

    /// <returns>The principal to use (admin role brought up to date), or null if it must be refused.</returns>
    public async Task<ClaimsPrincipal?> VerifyAsync(ClaimsPrincipal principal, IdentityDbContext db, CancellationToken ct)
    {
        var claimTypes = identityOptions.Value.ClaimsIdentity;
        if (principal.Identity is not ClaimsIdentity identity
            || !Guid.TryParse(principal.FindFirstValue(claimTypes.UserIdClaimType), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(PlatformClaims.OrganizationId), out var organizationId))
            return null;

        var state = await GetAsync(userId, db, ct);
        if (state is null || state.OrganizationId != organizationId || state.IsBlocked)
            return null;
        if (state.IsBot != principal.HasClaim(MemberAuthentication.BotClaim, "true"))
            return null;
        if (!string.Equals(state.SecurityStamp ?? "", principal.FindFirstValue(claimTypes.SecurityStampClaimType) ?? "", StringComparison.Ordinal))
            return null;

        var isAdmin = principal.IsInRole(PlatformClaims.OrganizationAdminRole);
        if (state.IsAdmin && !isAdmin)
            identity.AddClaim(new Claim(identity.RoleClaimType, PlatformClaims.OrganizationAdminRole));
        else if (!state.IsAdmin && isAdmin)
            foreach (var claim in identity.FindAll(c => c.Type == identity.RoleClaimType && c.Value == PlatformClaims.OrganizationAdminRole).ToList())
                identity.RemoveClaim(claim);
        return principal;
    }

    /// <summary>Drops this node's copy at once (the node that blocked someone need not wait).</summary>
    public void Forget(Guid userId) => cache.Remove(Key(userId));

    private async Task<MemberState?> GetAsync(Guid userId, IdentityDbContext db, CancellationToken ct)
    {
        var duration = options.Value.CacheDuration;
        if (duration <= TimeSpan.Zero)
            return await LoadAsync(userId, db, ct);
        if (cache.TryGetValue(Key(userId), out CacheEntry? cached) && cached is not null)
            return cached.State;
        var state = await LoadAsync(userId, db, ct);
        cache.Set(Key(userId), new CacheEntry(state), duration);
        return state;
    }

    private static Task<MemberState?> LoadAsync(Guid userId, IdentityDbContext db, CancellationToken ct) =>
        db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new MemberState(u.OrganizationId, u.SecurityStamp, u.IsBlocked, u.IsBot, u.IsOrganizationAdmin))
            .FirstOrDefaultAsync(ct);

    private static (Type, Guid) Key(Guid userId) => (typeof(MemberCheck), userId);
}
