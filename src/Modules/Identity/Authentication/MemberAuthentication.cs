using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Modules.Identity.Bots;

namespace Platform.Modules.Identity.Authentication;

/// <summary>
/// How a request becomes a member. The default scheme (<see cref="Scheme"/>) picks the inner
/// scheme by the request: <c>Authorization: Bearer plt_…</c> is a bot's API key
/// (<see cref="BotScheme"/>); anything else goes to Identity's composite bearer-token/cookie
/// scheme. Whatever authenticated the request, <see cref="MemberCheck"/> then confirms that the
/// account still exists, is not blocked, and that the principal's security stamp is current.
/// </summary>
internal static class MemberAuthentication
{
    public const string Scheme = "Platform.Member";
    public const string BotScheme = "Platform.BotKey";
    /// <summary>Marks a principal authenticated by an API key (a bot), never by cookie or token.</summary>
    public const string BotClaim = "bot";
    public const string CacheSecondsKey = "Platform:Identity:UserCheckCacheSeconds";
    public const double DefaultCacheSeconds = 5;

    /// <summary>
    /// Identity's own composite scheme (registered by AddIdentityApiEndpoints) that tries the
    /// bearer token, then the cookie. Its name constant is internal to ASP.NET Core.
    /// </summary>
    public const string CookieOrToken = "Identity.BearerAndApplication";

    public static IServiceCollection AddMemberAuthentication(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddOptions<MemberCheckOptions>().Configure<IConfiguration>((o, configuration) =>
            o.CacheDuration = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue(CacheSecondsKey, DefaultCacheSeconds))));
        services.AddSingleton<MemberCheck>();
        // Registered after AddIdentityApiEndpoints, so this default replaces its composite one.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddScheme<AuthenticationSchemeOptions, MemberAuthenticationHandler>(Scheme, displayName: null, _ => { })
            .AddScheme<AuthenticationSchemeOptions, BotKeyAuthenticationHandler>(BotScheme, displayName: null, _ => { });
        return services;
    }
}
