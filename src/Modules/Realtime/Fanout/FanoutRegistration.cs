using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Modules.Realtime.Stream;

namespace Platform.Modules.Realtime.Fanout;

internal static class FanoutRegistration
{
    public static IServiceCollection AddRealtimeFanout(this IServiceCollection services, FanoutMode mode, IConfiguration configuration)
    {
        switch (mode)
        {
            case FanoutMode.InProcess:
                services.AddSingleton<IEventFanout, InProcessFanout>();
                break;
            case FanoutMode.Notify:
                services.AddSingleton<IEventFanout, NotifyFanout>();
                break;
            case FanoutMode.Nats:
                var url = configuration.GetConnectionString(FanoutModes.NatsConnectionStringName)!;
                // The client name shows in the server's connection list (nats-server's /connz).
                var clientName = "platform-" + (configuration["Platform:NodeId"] ?? Environment.MachineName);
                services.AddSingleton(sp => new NatsFanout(
                    url, clientName,
                    sp.GetRequiredService<RealtimeDispatcher>(), sp.GetRequiredService<ILogger<NatsFanout>>()));
                services.AddSingleton<IEventFanout>(sp => sp.GetRequiredService<NatsFanout>());
                services.AddHostedService(sp => sp.GetRequiredService<NatsFanout>());
                // Degraded, never Unhealthy: without NATS pushes still arrive by the poll, so the node stays in the
                // gateway's rotation; /health/ready shows the state for operators.
                services.AddHealthChecks().AddCheck<NatsHealthCheck>("nats", tags: ["ready"]);
                break;
        }
        return services;
    }
}
