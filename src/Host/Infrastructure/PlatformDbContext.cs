using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Database;
using Platform.Host.Cluster;

namespace Platform.Host.Infrastructure;

/// <summary>
/// The node-level schema <c>platform</c>: what belongs to the installation rather than to a
/// module: the Data Protection key ring and the node registry.
/// </summary>
internal sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options) : DbContext(options)
{
    public const string Schema = "platform";

    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();
    public DbSet<NodeRecord> Nodes => Set<NodeRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        builder.Entity<DataProtectionKeyRow>(b =>
        {
            b.ToTable("data_protection_keys");
            b.HasKey(k => k.Id);
            b.Property(k => k.Id).UseIdentityByDefaultColumn();
            b.Property(k => k.FriendlyName).HasMaxLength(200);
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

internal sealed class DataProtectionKeyRow
{
    public long Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PlatformDbContextDesignFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    public PlatformDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PlatformDbContext>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", PlatformDbContext.Schema))
            .Options);
}
