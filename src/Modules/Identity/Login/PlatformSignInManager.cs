using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Login;

/// <summary>
/// Password sign-in with two refusals on top of Identity's: bots never sign in with a password
/// (they have none; they use their API key), and a blocked person is refused once the password
/// has been checked, so the answer "blocked" is only ever given to whoever knows the password.
/// </summary>
internal sealed class PlatformSignInManager(
    UserManager<PlatformUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PlatformUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PlatformUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PlatformUser> confirmation)
    : SignInManager<PlatformUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> CheckPasswordSignInAsync(PlatformUser user, string password, bool lockoutOnFailure)
    {
        if (user.IsBot)
            return SignInResult.NotAllowed;
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        return result.Succeeded && user.IsBlocked ? SignInResult.NotAllowed : result;
    }
}
