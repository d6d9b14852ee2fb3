using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.Modules.Identity.Bots;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Authentication;

/// <summary>The default scheme: see <see cref="MemberAuthentication"/>.</summary>
internal sealed class MemberAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MemberCheck check)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var inner = ApiKeys.IsPresent(Request) ? MemberAuthentication.BotScheme : MemberAuthentication.CookieOrToken;
        var result = await Context.AuthenticateAsync(inner);
        if (!result.Succeeded)
            return result;

        var db = Context.RequestServices.GetRequiredService<IdentityDbContext>();
        var principal = await check.VerifyAsync(result.Principal, db, Context.RequestAborted);
        if (principal is null)
            return AuthenticateResult.Fail(new AuthenticationRefusedException(AuthenticationRefusedException.Revoked));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, result.Properties, Scheme.Name));
    }

    /// <summary>401 for APIs (never a redirect), with a problem body saying why when a credential was refused.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is AuthenticationRefusedException refused
            && Context.RequestServices.GetService<IProblemDetailsService>() is { } problems)
        {
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized", Detail = refused.Message },
            });
        }
    }
}
