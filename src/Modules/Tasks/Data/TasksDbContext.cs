using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Outbox;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.Data;

internal sealed class TasksDbContext(DbContextOptions<TasksDbContext> options) : DbContext(options)
{
    public const string Schema = "tasks";

    private static readonly System.Text.Json.JsonSerializerOptions ChangesJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    public DbSet<WorkTask> Tasks => Set<WorkTask>();
    public DbSet<TaskComment> Comments => Set<TaskComment>();
    public DbSet<TaskParticipant> Participants => Set<TaskParticipant>();
    public DbSet<TaskUserState> UserStates => Set<TaskUserState>();
    public DbSet<TaskList> Lists => Set<TaskList>();
    public DbSet<TaskListMember> ListMembers => Set<TaskListMember>();
    public DbSet<TaskListItem> ListItems => Set<TaskListItem>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        builder.Entity<WorkTask>(b =>
        {
            b.ToTable("tasks");
            b.HasKey(t => t.Id);
            // Ids are UUIDv7 assigned by the domain; "never generated" tells EF that a new child
            // with an id is an insert, not an update of an existing row.
            b.Property(t => t.Id).ValueGeneratedNever();
            b.Property(t => t.Title).HasMaxLength(WorkTask.MaxTitleLength);
            b.Property(t => t.Version).IsConcurrencyToken();
            b.Property(t => t.FormValues).HasColumnType("jsonb");
            b.Property(t => t.RouteState).HasColumnType("jsonb");
            // "Whose approval is awaited" is an inbox condition: a GIN index answers @> quickly.
            b.HasIndex(t => t.PendingApproverIds).HasMethod("gin");
            b.HasIndex(t => new { t.OrganizationId, t.FormTemplateId, t.UpdatedAt });
            // The register sorted by creation (e.g. its CSV in order of entry) walks this instead of sorting the form's tasks.
            b.HasIndex(t => new { t.OrganizationId, t.FormTemplateId, t.CreatedAt });
            b.Ignore(t => t.Due);
            b.HasIndex(t => new { t.OrganizationId, t.DueDate });
            b.HasIndex(t => new { t.OrganizationId, t.DueAt });
            b.HasMany(t => t.Participants).WithOne().HasForeignKey(p => p.TaskId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(t => t.Comments).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(t => new { t.OrganizationId, t.UpdatedAt });
            b.Property(t => t.Correspondents).HasColumnType("jsonb").HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, ChangesJson),
                v => System.Text.Json.JsonSerializer.Deserialize<List<TaskCorrespondent>>(v, ChangesJson) ?? new List<TaskCorrespondent>(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<TaskCorrespondent>>(
                    (a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        });
        builder.Entity<TaskParticipant>(b =>
        {
            b.ToTable("task_participants");
            b.HasKey(p => new { p.TaskId, p.UserId });
            // "Tasks I take part in, newest activity first" is the hot lookup: one ordered index.
            b.HasIndex(p => new { p.OrganizationId, p.UserId, p.TaskUpdatedAt, p.TaskId }).IsDescending(false, false, true, true);
            // "Tasks of form F I take part in", newest activity first: a member's register. Form tasks only.
            b.HasIndex(p => new { p.OrganizationId, p.UserId, p.FormTemplateId, p.TaskUpdatedAt, p.TaskId })
                .IsDescending(false, false, false, true, true).HasFilter("form_template_id IS NOT NULL");
        });
        builder.Entity<TaskComment>(b =>
        {
            b.ToTable("task_comments");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Kind).HasMaxLength(32);
            b.Property(c => c.Changes).HasColumnType("jsonb").HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, ChangesJson),
                v => System.Text.Json.JsonSerializer.Deserialize<List<FieldChange>>(v, ChangesJson) ?? new List<FieldChange>(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<FieldChange>>(
                    (a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
            b.Property(c => c.Attachments).HasColumnType("jsonb").HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, ChangesJson),
                v => System.Text.Json.JsonSerializer.Deserialize<List<TaskAttachment>>(v, ChangesJson) ?? new List<TaskAttachment>(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<TaskAttachment>>(
                    (a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
            // A record, so compared by value: no comparer needed. Null (no column value) for entries written by members.
            b.Property(c => c.ExternalAuthor).HasColumnType("jsonb").HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, ChangesJson),
                v => System.Text.Json.JsonSerializer.Deserialize<TaskCorrespondent>(v, ChangesJson));
            b.HasIndex(c => new { c.TaskId, c.CreatedAt, c.Ordinal });
        });
        builder.Entity<TaskUserState>(b =>
        {
            b.ToTable("task_user_states");
            b.HasKey(s => new { s.TaskId, s.UserId });
            b.HasIndex(s => new { s.OrganizationId, s.UserId });
        });
        builder.Entity<TaskList>(b =>
        {
            b.ToTable("lists");
            b.HasKey(l => l.Id);
            b.Property(l => l.Id).ValueGeneratedNever();
            b.Property(l => l.Name).HasMaxLength(TaskList.MaxNameLength);
            b.HasMany(l => l.Members).WithOne().HasForeignKey(m => m.ListId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<TaskList>().WithMany().HasForeignKey(l => l.ParentId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(l => new { l.OrganizationId, l.ParentId, l.Name });
        });
        builder.Entity<TaskListMember>(b =>
        {
            b.ToTable("list_members");
            b.HasKey(m => new { m.ListId, m.UserId });
            b.HasIndex(m => new { m.OrganizationId, m.UserId });
        });
        builder.Entity<TaskListItem>(b =>
        {
            b.ToTable("list_items");
            b.HasKey(i => new { i.ListId, i.TaskId });
            b.HasIndex(i => i.TaskId);
            b.HasOne<TaskList>().WithMany().HasForeignKey(i => i.ListId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<WorkTask>().WithMany().HasForeignKey(i => i.TaskId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.AddOutbox();
        builder.AddIdempotencyKeys();
        builder.UseSnakeCaseNames();
    }
}

internal sealed class TasksDbContextDesignFactory : IDesignTimeDbContextFactory<TasksDbContext>
{
    public TasksDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<TasksDbContext>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", TasksDbContext.Schema))
            .Options);
}
