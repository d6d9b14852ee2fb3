using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Platform.BuildingBlocks.Outbox;

namespace Platform.BuildingBlocks.Database;

public static class PlatformDatabase
{
    public const string ConnectionStringName = "Platform";

    /// <summary>
    /// One data source for the whole node. It is built as a multi-host source that targets the
    /// primary, so pointing the connection string at every member of a Patroni cluster
    /// (<c>Host=pg1,pg2,pg3</c>) needs no code change: after a failover new connections go to the
    /// new primary. (A plain <c>Target Session Attributes=primary</c> throws on a single host.)
    /// </summary>
    public static IServiceCollection AddPlatformDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        // Read when first needed, not now: configuration added later (tests, hosting) still counts.
        _ = configuration;
        services.TryAddSingleton(sp => CreateDataSource(
            sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString
                ? connectionString
                : throw new MissingDatabaseConfigurationException()));
        services.TryAddSingleton<DatabaseMigrator>();
        return services;
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "platform";
        // After a failure Npgsql takes a host for offline this long without trying it (default 10 s): after a
        // restart or a Patroni failover the node would refuse work for up to 10 s more than needed. 1 s still
        // keeps a dead host from being dialled on every request. A value in the connection string wins.
        if (!connectionString.Contains("recheck", StringComparison.OrdinalIgnoreCase))
            builder.ConnectionStringBuilder.HostRecheckSeconds = 1;
        return builder.BuildMultiHost().WithTargetSession(TargetSessionAttributes.Primary);
    }

    /// <summary>
    /// Registers a module's DbContext on the shared data source, with its migrations history in
    /// the module's own schema so modules migrate independently.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string schema)
        where TContext : DbContext
    {
        services.AddDbContext<TContext>((sp, options) =>
        {
            Configure(options, sp.GetRequiredService<NpgsqlDataSource>(), schema);
            if (sp.GetService<OutboxSignalInterceptor>() is { } interceptor)
                options.AddInterceptors(interceptor);
        });
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<TContext>(schema));
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource, string schema) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", schema));
}

public sealed class MissingDatabaseConfigurationException() : InvalidOperationException(
    $"No database configured: set ConnectionStrings:{PlatformDatabase.ConnectionStringName} (environment variable ConnectionStrings__{PlatformDatabase.ConnectionStringName}).");
