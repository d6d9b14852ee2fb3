using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.BuildingBlocks.Outbox;

public static class OutboxRegistration
{
    /// <summary>Runs an outbox relay for a module schema on this node.</summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services, string schema)
    {
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxSignalInterceptor>();
        services.AddSingleton<IHostedService>(sp => !sp.GetRequiredService<IConfiguration>().GetValue("Platform:Outbox:RelayEnabled", true)
            ? new PausedRelay(schema, sp.GetRequiredService<ILogger<OutboxRelay>>())
            : new OutboxRelay(
            schema,
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IBus>(),
            sp.GetRequiredService<OutboxSignal>(),
            sp.GetRequiredService<ILogger<OutboxRelay>>()));
        return services;
    }
}

/// <summary>
/// Stands in for the relay when <c>Platform:Outbox:RelayEnabled=false</c> (maintenance: keep
/// accepting writes while the bus is being repaired; rows wait in the outbox and go out once a
/// node with the relay enabled runs). Tests use it to stop a node between commit and relay.
/// </summary>
internal sealed class PausedRelay(string schema, ILogger logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("Outbox relay for schema {Schema} is paused on this node (Platform:Outbox:RelayEnabled=false)", schema);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Pokes the relay after a SaveChanges that stored outbox rows.</summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.ChangeTracker.Entries<OutboxMessage>().Any() == true)
            signal.Notify();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }
}
