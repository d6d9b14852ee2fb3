namespace Platform.Modules.Tasks.Domain;

/// <summary>
/// A task. Its history is its comment stream: every change is recorded as a
/// <see cref="TaskComment"/> in the same unit of work, so nothing changes without a trace.
/// (Named WorkTask because Task is taken by System.Threading.Tasks.)
/// </summary>
internal sealed class WorkTask
{
    public const int MaxTitleLength = 500;
    public const int MaxDescriptionLength = 100_000;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Title { get; private set; } = null!;
    public string Description { get; private set; } = null!;
    public Guid AuthorId { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public List<TaskParticipant> Participants { get; private set; } = [];
    public List<TaskComment> Comments { get; private set; } = [];

    private WorkTask() { }

    public static WorkTask Create(Guid organizationId, Guid authorId, string title, string? description, Guid? assigneeId, DateTimeOffset now)
    {
        var task = new WorkTask
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Title = title.Trim(),
            Description = description ?? string.Empty,
            AuthorId = authorId,
            AssigneeId = assigneeId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        task.Participants.Add(new TaskParticipant(task.Id, organizationId, authorId));
        task.Comments.Add(TaskComment.Created(task, authorId, now));
        if (assigneeId is { } assignee)
        {
            if (assignee != authorId)
                task.Participants.Add(new TaskParticipant(task.Id, organizationId, assignee));
            task.Comments.Add(TaskComment.Assigned(task, authorId, assignee, now));
        }
        return task;
    }

    public IReadOnlyList<Guid> ParticipantIds => Participants.Select(p => p.UserId).ToList();

    public bool IsParticipant(Guid userId) => Participants.Any(p => p.UserId == userId);

    public TaskComment Comment(Guid authorId, string text, DateTimeOffset now)
    {
        if (!IsParticipant(authorId))
            throw new InvalidOperationException("Only participants can comment on a task.");
        var comment = TaskComment.Written(this, authorId, text, now);
        Comments.Add(comment);
        UpdatedAt = now;
        return comment;
    }
}

internal sealed class TaskParticipant(Guid taskId, Guid organizationId, Guid userId)
{
    public Guid TaskId { get; private set; } = taskId;
    public Guid OrganizationId { get; private set; } = organizationId;
    public Guid UserId { get; private set; } = userId;
}
