using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Modularity;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy;

namespace Platform.Gateway;

/// <summary>
/// The <c>gateway</c> role: one URL in front of the cluster. TLS is terminated here when Kestrel
/// has a certificate (<c>Kestrel:Certificates:Default:Path</c> and an https URL); the gateway
/// sets X-Forwarded-For/Proto/Host for the nodes.
/// </summary>
public static class GatewayRole
{
    public const string Name = "gateway";

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.GetModuleCatalog().TryLoad(Name, PlatformRoles.Gateway))
            return builder;
        var services = builder.Services;
        services.Configure<GatewayOptions>(builder.Configuration.GetSection("Platform:Gateway"));
        services.AddSingleton<NodeLoadTable>();
        services.AddSingleton<RegistryProxyConfigProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<RegistryProxyConfigProvider>());
        services.AddHostedService(sp => sp.GetRequiredService<RegistryProxyConfigProvider>());
        services.AddSingleton<LeastLoadedPolicy>();
        services.AddSingleton<ILoadBalancingPolicy>(sp => sp.GetRequiredService<LeastLoadedPolicy>());
        services.AddSingleton<RetryOnAnotherNode>();
        services.AddReverseProxy();
        return builder;
    }

    /// <summary>
    /// Per role, how many nodes this gateway would send a request to right now (known to the registry
    /// and not failing its health checks): counts only, no addresses. Null on a node that is no gateway.
    /// </summary>
    public static IReadOnlyDictionary<string, int>? AvailableNodes(IServiceProvider services) =>
        services.GetService<IProxyStateLookup>() is { } state
            ? state.GetClusters().ToDictionary(c => c.ClusterId, c => c.Destinations.Values.Count(RetryOnAnotherNode.IsUsable))
            : null;

    public static WebApplication MapGateway(this WebApplication app)
    {
        if (!app.GetModuleCatalog().IsLoaded(Name))
            return app;
        var retry = app.Services.GetRequiredService<RetryOnAnotherNode>();
        var loadBalancing = app.Services.GetRequiredService<LeastLoadedPolicy>();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.Use((context, next) => retry.InvokeAsync(context, () => next(context)));
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.Use((context, next) => loadBalancing.TrackAsync(context, () => next(context)));
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }
}
