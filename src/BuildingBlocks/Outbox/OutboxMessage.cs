using Platform.BuildingBlocks;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// An integration event stored in the same transaction as the change that raised it, so that a
/// crash between commit and publish cannot lose it. <see cref="OutboxRelay"/> publishes it later.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; private set; }
    public string Type { get; private set; } = null!;
    public string Payload { get; private set; } = null!;
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>W3C <c>traceparent</c> of the span that queued the event (see OutboxTraceContext).</summary>
    public string? TraceParent { get; private set; }

    public string? TraceState { get; private set; }

    private OutboxMessage() { }

    public static OutboxMessage From(IIntegrationEvent integrationEvent)
    {
        var (traceParent, traceState) = OutboxTraceContext.Capture();
        return new()
        {
            Id = Guid.CreateVersion7(),
            Type = IntegrationEventTypes.NameOf(integrationEvent.GetType()),
            Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), OutboxJson.Options),
            OccurredAt = integrationEvent.OccurredAt,
            TraceParent = traceParent,
            TraceState = traceState,
        };
    }
}

internal static class OutboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

public static class OutboxModelBuilderExtensions
{
    /// <summary>Adds the outbox table to a module's schema.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("outbox_messages");
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.Type).HasMaxLength(300);
            b.Property(m => m.Payload).HasColumnType("jsonb");
            b.Property(m => m.LastError).HasMaxLength(2000);
            // traceparent is 55 characters in W3C version 00; later versions may append fields.
            b.Property(m => m.TraceParent).HasMaxLength(128);
            // The W3C limit for tracestate is 32 members of up to 256 characters each.
            b.Property(m => m.TraceState).HasMaxLength(8192);
            // The relay only ever reads unpublished rows; a partial index keeps that scan tiny.
            b.HasIndex(m => m.OccurredAt).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_unpublished");
        });
        return modelBuilder;
    }

    /// <summary>Queues an integration event in the current unit of work.</summary>
    public static void AddIntegrationEvent(this DbContext db, IIntegrationEvent integrationEvent) =>
        db.Set<OutboxMessage>().Add(OutboxMessage.From(integrationEvent));
}
