using System.Text.Json;
using MassTransit;
using Platform.Modules.Realtime.Data;
using Platform.Modules.Realtime.Fanout;
using Platform.Modules.Tasks.Contracts;

namespace Platform.Modules.Realtime.Stream;

/// <summary>
/// Turns task events into per-user real-time events, for the task's participants and subscribers. Idempotent: a redelivered message (same
/// bus message id, which is the outbox row id) inserts nothing new, because
/// (source_message_id, user_id) is unique.
/// </summary>
internal sealed class TaskEventsConsumer(RealtimeEventStore store, IEventFanout fanout) : IConsumer<TaskCreated>, IConsumer<TaskCommented>
{
    public async Task Consume(ConsumeContext<TaskCreated> context)
    {
        var e = context.Message;
        await AppendAsync(SourceId(context), e.OrganizationId, TaskEventAudience.Of(e), "task.created",
            JsonSerializer.Serialize(new { taskId = e.TaskId, commentId = (Guid?)null, actorId = e.AuthorId, title = e.Title }),
            context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<TaskCommented> context)
    {
        var e = context.Message;
        await AppendAsync(SourceId(context), e.OrganizationId, TaskEventAudience.Of(e), "task.commented",
            JsonSerializer.Serialize(new { taskId = e.TaskId, commentId = e.CommentId, actorId = e.AuthorId, title = e.Title, kind = e.Kind }),
            context.CancellationToken);
    }

    private async Task AppendAsync(Guid sourceId, Guid organizationId, IReadOnlyCollection<Guid> audience, string type, string payload, CancellationToken ct)
    {
        var inserted = await store.AppendAsync(sourceId, organizationId, audience, type, payload, ct);
        if (inserted.Count > 0)
            fanout.Committed(inserted);
    }

    private static Guid SourceId(ConsumeContext context) =>
        context.MessageId ?? throw new InvalidOperationException("Integration events always carry a message id (the outbox id).");
}
