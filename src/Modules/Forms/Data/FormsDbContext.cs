using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Idempotency;
using Platform.Modules.Forms.Domain;

namespace Platform.Modules.Forms.Data;

internal sealed class FormsDbContext(DbContextOptions<FormsDbContext> options) : DbContext(options)
{
    public const string Schema = "forms";

    public DbSet<FormTemplate> Templates => Set<FormTemplate>();
    public DbSet<FormTemplateVersionRecord> Versions => Set<FormTemplateVersionRecord>();
    public DbSet<FormAccessEntry> Access => Set<FormAccessEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        builder.Entity<FormTemplate>(b =>
        {
            b.ToTable("form_templates");
            b.HasKey(t => t.Id);
            b.Property(t => t.Id).ValueGeneratedNever();
            b.Property(t => t.Name).HasMaxLength(FormLimits.MaxNameLength);
            // The list's keyset order, per organisation.
            b.HasIndex(t => new { t.OrganizationId, t.CreatedAt, t.Id });
        });
        builder.Entity<FormTemplateVersionRecord>(b =>
        {
            b.ToTable("form_template_versions");
            b.HasKey(v => new { v.TemplateId, v.Version });
            b.Property(v => v.Version).ValueGeneratedNever();
            b.Property(v => v.Name).HasMaxLength(FormLimits.MaxNameLength);
            b.Property(v => v.Description).HasMaxLength(FormLimits.MaxDescriptionLength);
            b.Property(v => v.Fields).HasColumnType("jsonb");
            b.Property(v => v.Route).HasColumnType("jsonb");
            b.HasOne<FormTemplate>().WithMany().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FormAccessEntry>(b =>
        {
            b.ToTable("form_access");
            b.HasKey(a => new { a.TemplateId, a.Right, a.PrincipalType, a.PrincipalId });
            b.Property(a => a.Right).HasMaxLength(16);
            b.Property(a => a.PrincipalType).HasMaxLength(16);
            b.HasOne<FormTemplate>().WithMany().HasForeignKey(a => a.TemplateId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.AddIdempotencyKeys();
        builder.UseSnakeCaseNames();
    }

    /// <summary>The template row locked for the rest of the transaction (FOR UPDATE), or null in another organisation.</summary>
    public async Task<FormTemplate?> LockAsync(Guid id, Guid organizationId, CancellationToken ct)
    {
        var found = await Templates
            .FromSqlInterpolated($"SELECT * FROM forms.form_templates WHERE id = {id} AND organization_id = {organizationId} FOR UPDATE")
            .ToListAsync(ct);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The grants of the given templates (of one organisation), by template.</summary>
    public async Task<Dictionary<Guid, FormAccessRules>> AccessRulesAsync(Guid organizationId, IReadOnlyCollection<Guid> templateIds, CancellationToken ct)
    {
        var entries = templateIds.Count == 0 ? [] : await Access.AsNoTracking()
            .Where(a => a.OrganizationId == organizationId && templateIds.Contains(a.TemplateId))
            .ToListAsync(ct);
        return templateIds.Distinct().ToDictionary(id => id, id => new FormAccessRules(entries.Where(e => e.TemplateId == id).ToList()));
    }

    /// <summary>
    /// A transaction of our own, unless the Idempotency-Key filter already opened one (then the
    /// change and the stored response commit together, and the filter commits).
    /// </summary>
    public async Task<IDbContextTransaction?> BeginUnlessInTransactionAsync(CancellationToken ct) =>
        Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
}

internal sealed class FormsDbContextDesignFactory : IDesignTimeDbContextFactory<FormsDbContext>
{
    public FormsDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<FormsDbContext>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", FormsDbContext.Schema))
            .Options);
}
