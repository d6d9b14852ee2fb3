using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modularity;
using Platform.Modules.Realtime.Data;
using Platform.Modules.Realtime.Fanout;
using Platform.Modules.Realtime.Stream;

namespace Platform.Modules.Realtime;

/// <summary>Pushes events to browsers over SSE (the seed's "bind"). Runs on <c>web</c> nodes.</summary>
public static class RealtimeModule
{
    public const string Name = "realtime";

    public static IHostApplicationBuilder AddRealtimeModule(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (!services.GetModuleCatalog().TryLoad(Name, PlatformRoles.Web))
            return builder;
        var fanout = FanoutModes.Resolve(builder.Configuration);
        services.Configure<RealtimeOptions>(builder.Configuration.GetSection("Platform:Realtime"));
        services.PostConfigure<RealtimeOptions>(o => o.Fanout = fanout);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RealtimeOptions>>().Value);
        services.AddModuleDbContext<RealtimeDbContext>(RealtimeDbContext.Schema);
        services.AddSingleton<RealtimeEventStore>();
        services.AddSingleton<RealtimeDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RealtimeDispatcher>());
        services.AddRealtimeFanout(fanout, builder.Configuration);
        services.AddModuleConsumers(bus => bus.AddConsumer<TaskEventsConsumer>());
        return builder;
    }

    public static WebApplication MapRealtimeEndpoints(this WebApplication app)
    {
        if (!app.GetModuleCatalog().IsLoaded(Name))
            return app;
        EventStreamEndpoint.Map(app.MapGroup("/api/v1"));
        return app;
    }
}
