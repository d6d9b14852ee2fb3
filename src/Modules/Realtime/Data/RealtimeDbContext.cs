using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Database;

namespace Platform.Modules.Realtime.Data;

/// <summary>
/// One row per recipient and event, kept for the replay window. The id is the SSE event id:
/// rows are inserted under a lock (see <see cref="RealtimeEventStore"/>), so ids become visible
/// in increasing order and "everything after id N" is a complete answer for a reconnecting client.
/// </summary>
internal sealed class RealtimeEvent
{
    public long Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public string Type { get; set; } = null!;
    public string Payload { get; set; } = null!;
    /// <summary>The bus message that produced the row; with the user, it makes delivery idempotent.</summary>
    public Guid SourceMessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class RealtimeDbContext(DbContextOptions<RealtimeDbContext> options) : DbContext(options)
{
    public const string Schema = "realtime";

    public DbSet<RealtimeEvent> Events => Set<RealtimeEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        builder.Entity<RealtimeEvent>(b =>
        {
            b.ToTable("events");
            b.HasKey(e => e.Id);
            b.Property(e => e.Id).UseIdentityByDefaultColumn();
            b.Property(e => e.Type).HasMaxLength(64);
            b.Property(e => e.Payload).HasColumnType("jsonb");
            b.HasIndex(e => new { e.SourceMessageId, e.UserId }).IsUnique();
            b.HasIndex(e => new { e.UserId, e.Id });
            b.HasIndex(e => e.CreatedAt);
        });
        builder.UseSnakeCaseNames();
    }
}

internal sealed class RealtimeDbContextDesignFactory : IDesignTimeDbContextFactory<RealtimeDbContext>
{
    public RealtimeDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<RealtimeDbContext>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", RealtimeDbContext.Schema))
            .Options);
}
