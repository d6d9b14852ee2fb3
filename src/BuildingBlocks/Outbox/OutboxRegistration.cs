using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        services.AddSingleton<IHostedService>(sp => new OutboxRelay(
            schema,
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IBus>(),
            sp.GetRequiredService<OutboxSignal>(),
            sp.GetRequiredService<ILogger<OutboxRelay>>()));
        return services;
    }
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
