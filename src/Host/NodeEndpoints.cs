using Microsoft.Extensions.FileProviders;
using Platform.BuildingBlocks.Cluster;
using Platform.BuildingBlocks.Modularity;
using Platform.BuildingBlocks.Web;
using Platform.Gateway;
using Platform.Host.Infrastructure;

namespace Platform.Host;

internal sealed record NodeInfo(string NodeId, IReadOnlyCollection<string> Roles, IReadOnlyList<string> Modules, string Version, DateTimeOffset StartedAt, long UptimeSeconds,
    IReadOnlyDictionary<string, int>? AvailableNodes);

internal static class NodeEndpoints
{
    public static WebApplication UsePlatformPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before anything reads the request: refuses charsets and NUL the readers would throw on (issue #9).
        app.UseMiddleware<RequestInputGuard>();
        // Counted for the heartbeat's load report (the gateway's least-loaded balancing).
        var load = app.Services.GetRequiredService<NodeLoad>();
        app.Use(async (context, next) =>
        {
            using var _ = load.TrackRequest();
            await next(context);
        });
        if (app.GetModuleCatalog().NodeRoles.Has(PlatformRoles.Gateway))
            app.Use(CutProxiedStreamsOnStop(app.Services.GetRequiredService<StreamShutdown>()));
        app.UseAuthentication();
        // After authentication (the limit is per user), before authorization and the endpoints.
        // Not on the gateway: it cannot tell users apart, and an office behind one NAT address
        // would share one budget; the nodes behind it limit per user.
        if (!app.GetModuleCatalog().NodeRoles.Has(PlatformRoles.Gateway))
            app.UseMiddleware<UserRateLimiter>();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// A proxied event stream never ends on its own and would hold the gateway's clean stop until the shutdown
    /// timeout, as the nodes' own streams did (see StreamShutdown). When streams end, the gateway cuts the ones
    /// it proxies; the browser reconnects through another gateway and replays from Last-Event-ID.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> CutProxiedStreamsOnStop(StreamShutdown streams) => async (context, next) =>
    {
        CancellationTokenRegistration ending = default;
        context.Response.OnStarting(() =>
        {
            if (context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true)
                ending = streams.Ending.Register(context.Abort);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            await ending.DisposeAsync();
        }
    };

    /// <summary>
    /// <c>/health/node</c>: which roles and modules this process runs. Anonymous like the other
    /// health endpoints (load balancers and the AppHost read it); it names no hosts, paths or users (a gateway adds how many nodes per role it routes to).
    /// </summary>
    public static WebApplication MapNodeInfo(this WebApplication app)
    {
        app.MapGet("/health/node", (NodeIdentity node, ModuleCatalog catalog, TimeProvider time, IServiceProvider services) =>
            new NodeInfo(node.Id, catalog.NodeRoles.Roles, catalog.Loaded.Select(m => m.Name).ToList(), node.Version, node.StartedAt,
                (long)(time.GetUtcNow() - node.StartedAt).TotalSeconds, GatewayRole.AvailableNodes(services))).AllowAnonymous();
        if (!app.GetModuleCatalog().NodeRoles.Has(PlatformRoles.Gateway))
            app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>The browser client on web nodes: static files, and index.html for app routes.</summary>
    public static WebApplication MapWebClient(this WebApplication app)
    {
        // A gateway proxies every path; nothing may shadow its routes.
        if (app.GetModuleCatalog().NodeRoles.Has(PlatformRoles.Gateway))
            return app;
        if (!app.GetModuleCatalog().NodeRoles.Has(PlatformRoles.Web))
            return app;
        // The client ships next to the binary (see Platform.Host.csproj), wherever the process's
        // content root (working directory) is.
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogWarning("No browser client at {Root}: build src/Web (the Host build does it unless PLATFORM_SKIP_WEB_BUILD=1)", root);
            return app;
        }
        var files = new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) };
        app.UseStaticFiles(files);
        // App routes get index.html; /api paths never do. (A catch-all API fallback would also
        // swallow requests that match a route but not its content type, turning a 415 into a 404;
        // unmatched API paths get their 404 problem from the status-code pages instead.)
        // Not API paths, and not paths that look like files (a dot): those are static assets, and a
        // missing one must be a 404, not index.html served as JavaScript.
        app.MapFallbackToFile("{*path:regex(^(?!(api|health|openapi)/)[^.]*$)}", "index.html", files);
        // An empty catch-all value never satisfies a regex constraint, so "/" needs its own route.
        app.MapFallbackToFile("/", "index.html", files);
        return app;
    }
}
