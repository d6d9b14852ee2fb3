namespace Platform.IntegrationTests.Infrastructure;

public sealed record CommentDto(Guid Id, Guid TaskId, Guid AuthorId, string Kind, string? Text, DateTimeOffset CreatedAt)
{
    public IReadOnlyList<AttachmentDto> Attachments { get; init; } = [];
    public CorrespondentDto? ExternalAuthor { get; init; }
    public bool SentByEmail { get; init; }
}

public sealed record CorrespondentDto(string Address, string? Name);

public sealed record AttachmentDto(Guid Id, string Name, string ContentType, long Length);

public sealed record FieldChangeDto(string Field, string? From, string? To);

public sealed record TaskDto(
    Guid Id, string Title, string Description, Guid AuthorId, Guid? AssigneeId,
    IReadOnlyList<Guid> ParticipantIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<CommentDto> Comments)
{
    public IReadOnlyList<CorrespondentDto> Correspondents { get; init; } = [];
    public DateTimeOffset? ClosedAt { get; init; }
    public IReadOnlyList<Guid> ListIds { get; init; } = [];
}

public sealed record TaskSummaryDto(Guid Id, string Title, Guid AuthorId, Guid? AssigneeId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int CommentCount);

public sealed record TaskListDto(IReadOnlyList<TaskSummaryDto> Items, string? NextCursor);
