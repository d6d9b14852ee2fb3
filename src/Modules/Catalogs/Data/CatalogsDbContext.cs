using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Idempotency;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs.Data;

internal sealed class CatalogsDbContext(DbContextOptions<CatalogsDbContext> options) : DbContext(options)
{
    public const string Schema = "catalogs";

    public DbSet<Catalog> Catalogs => Set<Catalog>();
    public DbSet<CatalogColumn> Columns => Set<CatalogColumn>();
    public DbSet<CatalogItem> Items => Set<CatalogItem>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        builder.Entity<Catalog>(b =>
        {
            b.ToTable("catalogs");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Name).HasMaxLength(CatalogLimits.MaxNameLength);
            b.Ignore(c => c.OrderedColumns);
            b.HasMany(c => c.Columns).WithOne().HasForeignKey(c => c.CatalogId).OnDelete(DeleteBehavior.Cascade);
            // Names are unique per organisation; the index also serves the list's (name, id) order.
            b.HasIndex(c => new { c.OrganizationId, c.Name }).IsUnique();
        });
        builder.Entity<CatalogColumn>(b =>
        {
            b.ToTable("catalog_columns");
            b.HasKey(c => new { c.CatalogId, c.Id });
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Name).HasMaxLength(CatalogLimits.MaxColumnNameLength);
            b.Property(c => c.Type).HasMaxLength(32);
        });
        builder.Entity<CatalogItem>(b =>
        {
            b.ToTable("catalog_items");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).ValueGeneratedNever();
            // Byte order ("C"): keys are compared exactly (case-sensitive), the order is the same on
            // every installation whatever the database's locale, and comparisons are cheapest.
            b.Property(i => i.Key).HasMaxLength(CatalogLimits.MaxKeyLength).UseCollation("C");
            b.Property(i => i.Cells).HasColumnType("jsonb");
            b.HasOne<Catalog>().WithMany().HasForeignKey(i => i.CatalogId).OnDelete(DeleteBehavior.Cascade);
            // Key uniqueness, lookups by key, and paging by key.
            b.HasIndex(i => new { i.CatalogId, i.Key }).IsUnique();
        });
        builder.AddIdempotencyKeys();
        builder.UseSnakeCaseNames();
    }
}

internal sealed class CatalogsDbContextDesignFactory : IDesignTimeDbContextFactory<CatalogsDbContext>
{
    public CatalogsDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<CatalogsDbContext>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", CatalogsDbContext.Schema))
            .Options);
}
