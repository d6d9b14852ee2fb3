using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Outbox;
using Platform.Modules.Mail.Domain;

namespace Platform.Modules.Mail.Data;

internal sealed class MailDbContext(DbContextOptions<MailDbContext> options) : DbContext(options)
{
    public const string Schema = "mail";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DbSet<MailIntegration> Integrations => Set<MailIntegration>();
    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();
    public DbSet<ThreadMessage> ThreadMessages => Set<ThreadMessage>();
    public DbSet<OutgoingMessage> OutgoingMessages => Set<OutgoingMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        builder.Entity<MailIntegration>(b =>
        {
            b.ToTable("integrations");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).ValueGeneratedNever();
            b.Property(i => i.Name).HasMaxLength(MailIntegration.MaxNameLength);
            b.Property(i => i.Folder).HasMaxLength(200);
            b.Property(i => i.ProcessedFolder).HasMaxLength(200);
            b.Property(i => i.Address).HasMaxLength(320);
            b.Property(i => i.ProcessedAction).HasMaxLength(16);
            b.Property(i => i.SenderPolicy).HasMaxLength(16);
            b.Property(i => i.LeaseHolder).HasMaxLength(200);
            b.Property(i => i.LastError).HasMaxLength(InboundMessage.MaxReasonLength);
            // An account is one value (a record): stored whole as jsonb, its password protected inside it.
            b.Property(i => i.Imap).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<MailAccount>(v, Json)!);
            b.Property(i => i.Smtp).HasColumnType("jsonb").HasConversion(
                v => v == null ? null : JsonSerializer.Serialize(v, Json), v => v == null ? null : JsonSerializer.Deserialize<MailAccount>(v, Json));
            b.Property(i => i.ParticipantIds).HasColumnType("uuid[]");
            b.HasIndex(i => new { i.OrganizationId, i.Name }).IsUnique();
            // Every mail node's check asks for the enabled mailboxes whose lease is free or its own.
            b.HasIndex(i => i.LeaseUntil).HasFilter("enabled");
        });
        builder.Entity<InboundMessage>(b =>
        {
            b.ToTable("inbound_messages");
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.MessageId).HasMaxLength(InboundMessage.MaxMessageIdLength);
            b.Property(m => m.FromAddress).HasMaxLength(320);
            b.Property(m => m.Subject).HasMaxLength(500);
            b.Property(m => m.Status).HasMaxLength(16);
            b.Property(m => m.Reason).HasMaxLength(InboundMessage.MaxReasonLength);
            // The last guard against reading a message twice (two nodes, a crash between IMAP and commit).
            b.HasIndex(m => new { m.IntegrationId, m.UidValidity, m.Uid }).IsUnique();
            b.HasIndex(m => new { m.IntegrationId, m.MessageId });
            b.HasIndex(m => new { m.IntegrationId, m.ReceivedAt });
        });
        builder.Entity<ThreadMessage>(b =>
        {
            b.ToTable("thread_messages");
            b.HasKey(t => new { t.OrganizationId, t.MessageId });
            b.Property(t => t.MessageId).HasMaxLength(InboundMessage.MaxMessageIdLength);
            b.HasIndex(t => t.TaskId);
        });
        builder.Entity<OutgoingMessage>(b =>
        {
            b.ToTable("outgoing_messages");
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.FromAddress).HasMaxLength(320);
            b.Property(m => m.MessageId).HasMaxLength(InboundMessage.MaxMessageIdLength);
            b.Property(m => m.Status).HasMaxLength(16);
            b.Property(m => m.LastError).HasMaxLength(InboundMessage.MaxReasonLength);
            b.Property(m => m.To).HasColumnName("recipients").HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<OutgoingRecipient>>(v, Json) ?? new List<OutgoingRecipient>(),
                new ValueComparer<List<OutgoingRecipient>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
            b.HasIndex(m => m.CommentId).IsUnique();
            // The sender's queue: due pending messages, oldest first.
            b.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'pending'");
            b.HasIndex(m => new { m.OrganizationId, m.Status, m.CreatedAt });
        });
        builder.AddOutbox();
        builder.UseSnakeCaseNames();
    }
}

internal sealed class MailDbContextDesignFactory : IDesignTimeDbContextFactory<MailDbContext>
{
    public MailDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<MailDbContext>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", MailDbContext.Schema))
            .Options);
}
