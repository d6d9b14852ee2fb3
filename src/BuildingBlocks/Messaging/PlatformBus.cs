using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>What a module contributes to the bus: its consumers.</summary>
public sealed class BusContribution(Action<IBusRegistrationConfigurator> configure)
{
    public Action<IBusRegistrationConfigurator> Configure { get; } = configure;
}

public static class PlatformBus
{
    /// <summary>Called by a module's Add…Module to register its consumers.</summary>
    public static IServiceCollection AddModuleConsumers(this IServiceCollection services, Action<IBusRegistrationConfigurator> configure) =>
        services.AddSingleton(new BusContribution(configure));

    public const string RabbitMqConnectionStringName = "RabbitMq";

    /// <summary>
    /// The bus for the whole node, after every module has contributed. With a
    /// <c>ConnectionStrings:RabbitMq</c> (an amqp:// URI) the nodes of a cluster share RabbitMQ:
    /// each consumer's queue is shared, so a message is handled once in the cluster (competing
    /// consumers). Without it, the in-memory transport: a single node needs no broker.
    /// Integration events reach the bus only through the outbox, so a crash or a broker restart
    /// never loses one that was committed: the relay keeps the rows until publishing succeeds.
    /// </summary>
    public static IServiceCollection AddPlatformBus(this IServiceCollection services, IConfiguration configuration)
    {
        var rabbitMq = configuration.GetConnectionString(RabbitMqConnectionStringName);
        var contributions = services
            .Where(d => d.ServiceType == typeof(BusContribution))
            .Select(d => (BusContribution)d.ImplementationInstance!)
            .ToList();
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            foreach (var contribution in contributions)
                contribution.Configure(bus);
            if (string.IsNullOrWhiteSpace(rabbitMq))
            {
                bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
                return;
            }
            bus.UsingRabbitMq((context, transport) =>
            {
                transport.Host(new Uri(rabbitMq));
                // Publisher confirms (MassTransit's default) make Publish return only once the
                // broker has the message, so the outbox marks a row published only then.
                transport.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                transport.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
