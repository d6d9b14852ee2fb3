using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Modularity;
using Platform.Modules.Identity.Authentication;
using Platform.Modules.Identity.Blocking;
using Platform.Modules.Identity.Bots;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Identity.Data;
using Platform.Modules.Identity.Departments;
using Platform.Modules.Identity.Login;
using Platform.Modules.Identity.People;
using Platform.Modules.Identity.Profile;
using Platform.Modules.Identity.Roles;
using Platform.Modules.Identity.Setup;

namespace Platform.Modules.Identity;

/// <summary>
/// Organisations, people, sign-in (the seed's identity-server). Loaded on every node that serves
/// authenticated HTTP: <c>web</c> and <c>files</c>.
/// </summary>
public static class IdentityModule
{
    public const string Name = "identity";

    public static IHostApplicationBuilder AddIdentityModule(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (!services.GetModuleCatalog().TryLoad(Name, PlatformRoles.Web, PlatformRoles.Files))
            return builder;

        services.AddModuleDbContext<IdentityDbContext>(IdentityDbContext.Schema);
        services.AddIdentityApiEndpoints<PlatformUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                o.Password.RequiredLength = 10;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddClaimsPrincipalFactory<PlatformClaimsFactory>()
            .AddSignInManager<PlatformSignInManager>();
        // The default scheme: API keys for bots, else cookie/token; then the per-request account
        // check (blocked, security stamp) with its short per-node cache.
        services.AddMemberAuthentication();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "platform.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // An API never redirects to a login page: it answers 401/403 and the client decides.
            o.Events.OnRedirectToLogin = context => WriteStatus(context.Response, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => WriteStatus(context.Response, StatusCodes.Status403Forbidden);
        });
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        // Identity's own cookie revalidation; the per-request MemberCheck is the faster one.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped(sp => new OrganizationSetup(
            sp.GetRequiredService<IdentityDbContext>(), sp.GetRequiredService<UserManager<PlatformUser>>()));
        return builder;
    }

    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        if (!app.GetModuleCatalog().IsLoaded(Name))
            return app;
        var api = app.MapGroup("/api/v1").WithTags("Identity");
        SetupEndpoints.Map(api);
        AuthEndpoints.Map(api);
        MeEndpoints.Map(api);
        PeopleEndpoints.Map(api);
        UserProfileEndpoints.Map(api);
        BlockingEndpoints.Map(api);
        BotEndpoints.Map(api);
        DepartmentEndpoints.Map(api);
        RoleEndpoints.Map(api);
        return app;
    }

    private static Task WriteStatus(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
