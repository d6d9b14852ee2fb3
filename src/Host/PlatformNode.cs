using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Cluster;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modularity;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Host.Cli;
using Platform.Host.Cluster;
using Platform.Host.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.Host;

/// <summary>What every node has, whatever its roles: roles, database, key ring, authorization.</summary>
internal static class PlatformNode
{
    public const string RolesKey = "Platform:Roles";

    /// <returns>false when the configuration is unusable (the reason is printed).</returns>
    public static bool TryAddPlatformNode(this WebApplicationBuilder builder, HostCommand command)
    {
        builder.Configuration.AddCommandLine(command.HostArgs, new Dictionary<string, string> { ["--roles"] = RolesKey });
        NodeRoles roles;
        try
        {
            // One-shot commands work on the whole database, whatever roles the node normally has.
            roles = NodeRoles.Parse(command.Kind == HostCommandKind.Run ? builder.Configuration[RolesKey] : PlatformRoles.All);
        }
        catch (UnknownRoleException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return false;
        }
        if (roles.Has(PlatformRoles.Gateway) && roles.Roles.Count > 1)
        {
            // The gateway proxies every path; sharing a process with a role that serves paths
            // itself would make routing depend on endpoint order. Run it as its own node.
            Console.Error.WriteLine($"The gateway role runs alone: start it as its own node (roles given: {roles}).");
            return false;
        }

        var services = builder.Services;
        services.AddSingleton(new ModuleCatalog(roles));
        services.AddSingleton(roles);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new NodeIdentity(builder.Configuration["Platform:NodeId"]));
        services.AddPlatformDatabase(builder.Configuration);
        services.AddModuleDbContext<PlatformDbContext>(PlatformDbContext.Schema);
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgresql", tags: [ServiceDefaultsExtensions.ReadyTag]);

        if (services.TryAddKeyRing(builder.Configuration) is { } keyRingError)
        {
            Console.Error.WriteLine(keyRingError);
            return false;
        }

        services.AddSingleton<NodeLoad>();
        services.AddSingleton<StreamShutdown>();
        services.Configure<ClusterOptions>(builder.Configuration.GetSection("Platform:Cluster"));
        // The documented bound on a clean stop (docs/operations.md): the drain delay plus 15 s for
        // hosted services (bus, outbox relay, heartbeat) to stop; past it the host stops waiting on them.
        services.AddOptions<HostOptions>().Configure<IOptions<ClusterOptions>>((host, cluster) =>
            host.ShutdownTimeout = cluster.Value.DrainDelay + TimeSpan.FromSeconds(15));
        if (command.Kind == HostCommandKind.Run)
            services.AddHostedService<NodeHeartbeatService>();

        services.AddAuthentication();
        services.AddPlatformAuthorization();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(ConfigureForwardedHeaders);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        services.AddExceptionHandler<DatabaseConflictExceptionHandler>();
        services.Configure<RateLimitOptions>(builder.Configuration.GetSection("Platform:RateLimit"));
        services.AddSingleton<UserRateLimiter>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // One rule for text PostgreSQL cannot store, for every module's JSON input (docs/api.md).
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new StorableTextConverter());
            o.SerializerOptions.Converters.Add(new StorableJsonElementConverter());
        });
        services.AddOpenApi();
        return true;
    }

    public static WebApplicationBuilder AddPlatformBus(this WebApplicationBuilder builder)
    {
        builder.Services.AddPlatformBus(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Applies migrations before serving unless <c>Platform:Database:MigrateOnStart</c> is false (then
    /// the deploy runs <c>migrate</c> first). Safe with many nodes starting at once: see DatabaseMigrator.
    /// </summary>
    /// <param name="always">one-shot commands (<c>migrate</c>, <c>create-organization</c>) migrate regardless.</param>
    public static async Task<bool> TryPrepareDatabaseAsync(this WebApplication app, bool always)
    {
        try
        {
            if (always || app.Configuration.GetValue("Platform:Database:MigrateOnStart", true))
                await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
            await KeyRing.EnsureKeyAsync(app.Services, app.Lifetime.ApplicationStopping);
            return true;
        }
        catch (MissingDatabaseConfigurationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return false;
        }
    }

    /// <summary>
    /// Nodes believe X-Forwarded-For/Proto/Host only from the gateway: loopback by default, plus
    /// <c>Platform:Network:KnownProxies</c> (IP addresses) and <c>Platform:Network:KnownNetworks</c>
    /// (CIDR ranges). From anyone else the headers are ignored, so a client cannot spoof its IP.
    /// </summary>
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        foreach (var proxy in Split(configuration["Platform:Network:KnownProxies"]))
            options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        foreach (var network in Split(configuration["Platform:Network:KnownNetworks"]))
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
