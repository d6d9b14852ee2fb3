using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.BuildingBlocks.Database;

/// <summary>A module's schema, migrated by <see cref="DatabaseMigrator"/>.</summary>
public interface IModuleDatabase
{
    string Schema { get; }
    Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken ct);
}

internal sealed class ModuleDatabase<TContext>(string schema) : IModuleDatabase where TContext : DbContext
{
    public string Schema { get; } = schema;

    public async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            await db.Database.MigrateAsync(ct);
        return pending;
    }
}

/// <summary>
/// Applies every registered module's migrations. Several nodes may start at once, so the whole
/// run holds a PostgreSQL session-level advisory lock: the first node migrates, the others wait
/// and then find nothing pending.
/// </summary>
public sealed class DatabaseMigrator(
    NpgsqlDataSource dataSource,
    IEnumerable<IModuleDatabase> modules,
    IServiceProvider services,
    ILogger<DatabaseMigrator> logger)
{
    // Arbitrary but fixed: "PLATFORM" in ASCII, so it is recognisable in pg_locks.
    private const long MigrationLockKey = 0x504C4154464F524D;

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var migrating = await AdvisoryLock.AcquireAsync(dataSource, MigrationLockKey, ct);
        foreach (var module in modules)
        {
            var applied = await module.MigrateAsync(services, ct);
            if (applied.Count > 0)
                logger.LogInformation("Schema {Schema}: applied {Migrations}", module.Schema, string.Join(", ", applied));
        }
    }
}
