using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks;

internal sealed record CommentResponse(Guid Id, Guid TaskId, Guid AuthorId, string Kind, string? Text, DateTimeOffset CreatedAt)
{
    public static CommentResponse From(TaskComment c) => new(c.Id, c.TaskId, c.AuthorId, c.Kind, c.Text, c.CreatedAt);
}

internal sealed record TaskDetailsResponse(
    Guid Id, string Title, string Description, Guid AuthorId, Guid? AssigneeId,
    IReadOnlyList<Guid> ParticipantIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<CommentResponse> Comments)
{
    public static TaskDetailsResponse From(WorkTask t) => new(
        t.Id, t.Title, t.Description, t.AuthorId, t.AssigneeId, t.ParticipantIds, t.CreatedAt, t.UpdatedAt,
        t.Comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Ordinal).ThenBy(c => c.Id).Select(CommentResponse.From).ToList());
}

internal sealed record TaskSummaryResponse(
    Guid Id, string Title, Guid AuthorId, Guid? AssigneeId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int CommentCount);

internal sealed record TaskListResponse(IReadOnlyList<TaskSummaryResponse> Items, string? NextCursor);
