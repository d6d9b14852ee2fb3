using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Security;

public static class PlatformAuthorization
{
    /// <summary>
    /// The policies every module uses. A member must carry an organisation claim: a principal
    /// without a tenant never reaches tenant-scoped code.
    /// </summary>
    public static IServiceCollection AddPlatformAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(PlatformPolicies.Member, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.OrganizationId))
            .AddPolicy(PlatformPolicies.OrganizationAdmin, p => p.RequireAuthenticatedUser()
                .RequireClaim(PlatformClaims.OrganizationId)
                .RequireRole(PlatformClaims.OrganizationAdminRole));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ForbiddenProblemHandler>();
        return services;
    }
}
