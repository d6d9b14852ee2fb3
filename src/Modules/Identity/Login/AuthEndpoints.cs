using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Login;

internal sealed record LoginRequest(string? Email, string? Password);

internal sealed record RefreshRequest(string? RefreshToken);

/// <summary>
/// Sign-in for both kinds of client: the browser asks for a cookie (<c>?useCookies=true</c>),
/// API clients get a bearer access token and a refresh token. Both are protected by the Data
/// Protection key ring that every node shares through PostgreSQL, so any node accepts them.
/// </summary>
internal static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth");
        auth.MapPost("/login", LoginAsync).AllowAnonymous();
        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous();
        auth.MapPost("/logout", async (SignInManager<PlatformUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization();
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, bool? useCookies, SignInManager<PlatformUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is invalid.", detail: "E-mail and password are required.");

        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email.Trim(), request.Password, isPersistent: useCookies == true, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return Unauthorized("Too many failed attempts: the account is locked for a few minutes.");
        if (result.IsNotAllowed)
            return Unauthorized("This account cannot sign in with a password: it is blocked, or it is a bot (bots use their API key).");
        if (!result.Succeeded)
            return Unauthorized("Wrong e-mail or password.");
        // The sign-in has written the response: a cookie, or the token JSON for bearer clients.
        return TypedResults.Empty;
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, SignInManager<PlatformUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires)
            return Unauthorized("The refresh token is invalid or has expired.");
        // A changed security stamp (password change, "log out everywhere", blocking) revokes it.
        if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user || user.IsBlocked || user.IsBot)
            return Unauthorized("The refresh token has been revoked.");

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
}
