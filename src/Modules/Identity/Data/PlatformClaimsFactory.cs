using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.Identity.Data;

/// <summary>Puts the tenant (organisation) and the admin role into every cookie and token.</summary>
internal sealed class PlatformClaimsFactory(UserManager<PlatformUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PlatformUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PlatformUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PlatformClaims.OrganizationId, user.OrganizationId.ToString()));
        identity.AddClaim(new Claim(PlatformClaims.DisplayName, user.DisplayName));
        if (user.IsOrganizationAdmin)
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, PlatformClaims.OrganizationAdminRole));
        return identity;
    }
}
