namespace Platform.Modules.Tasks.Domain;

internal static class CommentKinds
{
    public const string Created = "created";
    public const string Assigned = "assigned";
    public const string Comment = "comment";
    public const string Changed = "changed";
    public const string Closed = "closed";
    public const string Reopened = "reopened";
}

/// <summary>A file attached to a history entry, as the Files module described it when it was attached.</summary>
internal sealed record TaskAttachment(Guid Id, string Name, string ContentType, long Length);

/// <summary>Someone outside the organisation, known only by an e-mail address (and the name their mail gave).</summary>
internal sealed record TaskCorrespondent(string Address, string? Name)
{
    public const int MaxAddressLength = 320;
    public const int MaxNameLength = 200;
}

/// <summary>
/// One entry of a task's history: a comment, a recorded change, or both (as in Pyrus, a comment
/// can carry field changes and spent time).
/// </summary>
internal sealed class TaskComment
{
    public const int MaxTextLength = 100_000;

    public Guid Id { get; private set; }
    public Guid TaskId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string Kind { get; private set; } = null!;
    /// <summary>The comment's text; for <c>assigned</c>, the new assignee's id.</summary>
    public string? Text { get; private set; }
    public List<FieldChange> Changes { get; private set; } = [];
    public int? SpentMinutes { get; private set; }
    /// <summary>Files attached with this entry (their bytes live in the Files module; the names are kept here for the stream).</summary>
    public List<TaskAttachment> Attachments { get; private set; } = [];
    /// <summary>
    /// Orders entries written by the same change, which share a timestamp ("created" before
    /// "assigned"). History is sorted by (CreatedAt, Ordinal).
    /// </summary>
    public int Ordinal { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The person outside the organisation who wrote this entry by e-mail; <see cref="AuthorId"/> is then the member
    /// it was filed under (the responsible), since every entry needs a member for access and the inbox.
    /// </summary>
    public TaskCorrespondent? ExternalAuthor { get; set; }

    /// <summary>The comment was also sent to the task's correspondents by e-mail (TaskMailRequested).</summary>
    public bool SentByEmail { get; set; }

    private TaskComment() { }

    public static TaskComment New(WorkTask task, Guid authorId, string kind, string? text, DateTimeOffset now,
        IReadOnlyList<FieldChange>? changes = null, int? spentMinutes = null, IReadOnlyList<TaskAttachment>? attachments = null, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(now),
        TaskId = task.Id,
        OrganizationId = task.OrganizationId,
        AuthorId = authorId,
        Kind = kind,
        Text = text,
        Changes = changes?.ToList() ?? [],
        SpentMinutes = spentMinutes,
        Attachments = attachments?.ToList() ?? [],
        Ordinal = task.Comments.Count(c => c.CreatedAt == now),
        CreatedAt = now,
    };

    public void Attach(IEnumerable<TaskAttachment> files) => Attachments.AddRange(files);

    public static TaskComment Created(WorkTask task, Guid authorId, DateTimeOffset now) => New(task, authorId, CommentKinds.Created, null, now);

    public static TaskComment Assigned(WorkTask task, Guid authorId, Guid assigneeId, DateTimeOffset now) =>
        New(task, authorId, CommentKinds.Assigned, assigneeId.ToString(), now);

    public static TaskComment Written(WorkTask task, Guid authorId, string text, DateTimeOffset now) => New(task, authorId, CommentKinds.Comment, text, now);
}
