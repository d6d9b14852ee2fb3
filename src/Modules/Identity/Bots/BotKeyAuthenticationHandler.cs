using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Identity.Authentication;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Bots;

/// <summary>
/// <c>Authorization: Bearer plt_…</c>: finds the bot by the key's hash and signs it in with the
/// same claims a person gets (organisation, name, security stamp) plus the bot marker. Blocking
/// and the security stamp are checked afterwards by <see cref="MemberCheck"/>, as for everyone.
/// </summary>
internal sealed class BotKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<IdentityOptions> identityOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiKeys.TryRead(Request, out var key))
            return AuthenticateResult.NoResult();
        if (key.Length == 0)
            return AuthenticateResult.Fail(new AuthenticationRefusedException(AuthenticationRefusedException.InvalidApiKey));

        var hash = ApiKeys.Hash(key);
        var db = Context.RequestServices.GetRequiredService<IdentityDbContext>();
        var bot = await db.BotKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { u.Id, u.OrganizationId, u.UserName, u.DisplayName, u.SecurityStamp, u.IsBot, u.DeletedAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        // Deleting removes the key too; the flag guards against a key row that outlived its bot.
        if (bot is not { IsBot: true, DeletedAt: null })
            return AuthenticateResult.Fail(new AuthenticationRefusedException(AuthenticationRefusedException.InvalidApiKey));

        var types = identityOptions.Value.ClaimsIdentity;
        var identity = new ClaimsIdentity(Scheme.Name, types.UserNameClaimType, types.RoleClaimType);
        identity.AddClaim(new Claim(types.UserIdClaimType, bot.Id.ToString()));
        identity.AddClaim(new Claim(types.UserNameClaimType, bot.UserName ?? string.Empty));
        identity.AddClaim(new Claim(types.SecurityStampClaimType, bot.SecurityStamp ?? string.Empty));
        identity.AddClaim(new Claim(PlatformClaims.OrganizationId, bot.OrganizationId.ToString()));
        identity.AddClaim(new Claim(PlatformClaims.DisplayName, bot.DisplayName));
        identity.AddClaim(new Claim(MemberAuthentication.BotClaim, "true"));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
