using Platform.BuildingBlocks;

namespace Platform.Modules.Tasks.Contracts;

/// <summary>A task was created. <paramref name="ParticipantIds"/> are everyone who takes part in it now.</summary>
public sealed record TaskCreated(
    Guid OrganizationId,
    Guid TaskId,
    string Title,
    Guid AuthorId,
    Guid? AssigneeId,
    IReadOnlyList<Guid> ParticipantIds,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A new entry in a task's history: a comment, or a change (every change is a comment in the
/// task's stream). <paramref name="Kind"/>: comment, changed, closed, reopened.
/// </summary>
public sealed record TaskCommented(
    Guid OrganizationId,
    Guid TaskId,
    Guid CommentId,
    string Title,
    Guid AuthorId,
    IReadOnlyList<Guid> ParticipantIds,
    DateTimeOffset OccurredAt,
    string Kind = "comment") : IIntegrationEvent;
