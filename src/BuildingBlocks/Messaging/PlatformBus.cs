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

    /// <summary>
    /// The bus for the whole node, after every module has contributed. In-memory transport: a
    /// single node needs no broker. Integration events reach it only through the outbox, so a
    /// crash never loses one that was committed.
    /// </summary>
    public static IServiceCollection AddPlatformBus(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        var contributions = services
            .Where(d => d.ServiceType == typeof(BusContribution))
            .Select(d => (BusContribution)d.ImplementationInstance!)
            .ToList();
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            foreach (var contribution in contributions)
                contribution.Configure(bus);
            bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
        });
        return services;
    }
}
