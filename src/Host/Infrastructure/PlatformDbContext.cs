using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Database;
using Platform.Host.Cluster;

namespace Platform.Host.Infrastructure;

/// <summary>
/// The node-level schema <c>platform</c>: what belongs to the installation rather than to a
/// module: the Data Protection key ring and the node registry.
/// </summary>
internal sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options)
    : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "platform";

    /// <summary>The key ring, read and written by Data Protection's EF Core repository.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<NodeRecord> Nodes => Set<NodeRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        builder.Entity<DataProtectionKey>(b =>
        {
            b.ToTable("data_protection_keys");
            b.HasKey(k => k.Id);
            b.Property(k => k.Id).UseIdentityByDefaultColumn();
            b.Property(k => k.FriendlyName).HasMaxLength(200);
            b.Property(k => k.Xml).IsRequired();
            // Not in Data Protection's entity: kept (filled by the database) because operators read
            // it, and because a node of the previous release, which inserts it, may share the table
            // during a rolling upgrade.
            b.Property<DateTimeOffset>("CreatedAt").HasDefaultValueSql("now()");
        });
        builder.Entity<NodeRecord>(b =>
        {
            b.ToTable("nodes");
            b.HasKey(n => n.Id);
            b.Property(n => n.Id).HasMaxLength(200);
            b.Property(n => n.Address).HasMaxLength(500);
            b.Property(n => n.Version).HasMaxLength(50);
        });
        builder.UseSnakeCaseNames();
    }
}

internal sealed class PlatformDbContextDesignFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    public PlatformDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PlatformDbContext>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", PlatformDbContext.Schema))
            .Options);
}
