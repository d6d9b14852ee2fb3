using Platform.BuildingBlocks;

namespace Platform.Modules.Tasks.Contracts;

/// <summary>
/// A task was created. <paramref name="ParticipantIds"/> are everyone who takes part in it now,
/// <paramref name="SubscriberIds"/> everyone who follows it without taking part (null in events
/// written before subscribers existed). Notify both: <see cref="TaskEventAudience.Of(TaskCreated)"/>.
/// </summary>
public sealed record TaskCreated(
    Guid OrganizationId,
    Guid TaskId,
    string Title,
    Guid AuthorId,
    Guid? AssigneeId,
    IReadOnlyList<Guid> ParticipantIds,
    DateTimeOffset OccurredAt,
    IReadOnlyList<Guid>? SubscriberIds = null) : IIntegrationEvent;

/// <summary>
/// A new entry in a task's history: a comment, or a change (every change is a comment in the
/// task's stream). <paramref name="Kind"/>: comment, changed, closed, reopened, approved, ….
/// <paramref name="ParticipantIds"/> and <paramref name="SubscriberIds"/> as in <see cref="TaskCreated"/>,
/// after the change (someone who just unsubscribed is no longer among them).
/// </summary>
public sealed record TaskCommented(
    Guid OrganizationId,
    Guid TaskId,
    Guid CommentId,
    string Title,
    Guid AuthorId,
    IReadOnlyList<Guid> ParticipantIds,
    DateTimeOffset OccurredAt,
    string Kind = "comment",
    IReadOnlyList<Guid>? SubscriberIds = null) : IIntegrationEvent;

/// <summary>Who hears about a task event: its participants and its subscribers.</summary>
public static class TaskEventAudience
{
    public static IReadOnlyList<Guid> Of(TaskCreated e) => Union(e.ParticipantIds, e.SubscriberIds);

    public static IReadOnlyList<Guid> Of(TaskCommented e) => Union(e.ParticipantIds, e.SubscriberIds);

    private static List<Guid> Union(IReadOnlyList<Guid> participants, IReadOnlyList<Guid>? subscribers) =>
        participants.Concat(subscribers ?? []).Distinct().ToList();
}
