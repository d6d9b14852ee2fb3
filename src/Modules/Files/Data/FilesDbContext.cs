using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Outbox;
using Platform.Modules.Files.Domain;

namespace Platform.Modules.Files.Data;

internal sealed class FilesDbContext(DbContextOptions<FilesDbContext> options) : DbContext(options)
{
    public const string Schema = "files";

    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<FileLink> Links => Set<FileLink>();
    public DbSet<TenantStorage> Tenants => Set<TenantStorage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        builder.Entity<StoredFile>(b =>
        {
            b.ToTable("files");
            b.HasKey(f => f.Id);
            b.Property(f => f.Id).ValueGeneratedNever();
            b.Property(f => f.Name).HasMaxLength(StoredFile.MaxNameLength);
            b.Property(f => f.ContentType).HasMaxLength(200);
            b.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
            b.Property(f => f.Md5).HasMaxLength(32).IsFixedLength();
            b.Property(f => f.StorageKey).HasMaxLength(200);
            b.Property(f => f.PreviewStatus).HasMaxLength(16);
            b.Property(f => f.PreviewReason).HasMaxLength(500);
            b.Ignore(f => f.TotalBytes);
            b.HasIndex(f => new { f.OrganizationId, f.Id });
            // The clean-up's scan: orphans by age, a small partial index.
            b.HasIndex(f => f.CreatedAt).HasFilter("attached_at IS NULL").HasDatabaseName("ix_files_orphans");
        });
        builder.Entity<FileLink>(b =>
        {
            b.ToTable("file_links");
            b.HasKey(l => new { l.FileId, l.OwnerKind, l.OwnerId });
            b.Property(l => l.OwnerKind).HasMaxLength(32);
            b.HasOne<StoredFile>().WithMany().HasForeignKey(l => l.FileId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(l => new { l.OrganizationId, l.OwnerKind, l.OwnerId });
        });
        builder.Entity<TenantStorage>(b =>
        {
            b.ToTable("tenant_storage");
            b.HasKey(t => t.OrganizationId);
        });
        builder.AddOutbox();
        // Upload retries with the same Idempotency-Key (FileUploader records the key with the file).
        builder.AddIdempotencyKeys();
        builder.UseSnakeCaseNames();
    }
}

internal sealed class FilesDbContextDesignFactory : IDesignTimeDbContextFactory<FilesDbContext>
{
    public FilesDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<FilesDbContext>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", FilesDbContext.Schema))
            .Options);
}
