using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Domain;
using Platform.Modules.Tasks.Text;

namespace Platform.Modules.Tasks;

internal sealed record CommentResponse(
    Guid Id, Guid TaskId, Guid AuthorId, string Kind, string? Text, string? TextHtml,
    IReadOnlyList<FieldChange> Changes, int? SpentMinutes, DateTimeOffset CreatedAt, IReadOnlyList<TaskAttachment> Attachments,
    TaskCorrespondent? ExternalAuthor, bool SentByEmail)
{
    public static CommentResponse From(TaskComment c) => new(
        c.Id, c.TaskId, c.AuthorId, c.Kind, c.Text,
        c.Kind == CommentKinds.Assigned || c.Text is null ? null : SafeMarkdown.ToHtml(c.Text),
        c.Changes, c.SpentMinutes, c.CreatedAt, c.Attachments, c.ExternalAuthor, c.SentByEmail);
}

internal sealed record TaskDetailsResponse(
    Guid Id, string Title, string Description, string DescriptionHtml, Guid AuthorId, Guid? AssigneeId,
    IReadOnlyList<Guid> ParticipantIds, IReadOnlyList<Guid> SubscriberIds, DateOnly? DueDate, DateTimeOffset? DueAt, int? DurationMinutes,
    DateTimeOffset? ClosedAt, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<CommentResponse> Comments, TaskFormResponse? Form, IReadOnlyList<Guid> ListIds, IReadOnlyList<TaskCorrespondent> Correspondents)
{
    /// <param name="listIds">The lists holding the task that the caller sees (<see cref="Access.TaskAccess.VisibleListIdsAsync"/>); none for a new task.</param>
    public static TaskDetailsResponse From(WorkTask t, IReadOnlyList<Guid>? listIds = null) => new(
        t.Id, t.Title, t.Description, SafeMarkdown.ToHtml(t.Description), t.AuthorId, t.AssigneeId, t.ParticipantIds, t.SubscriberIds,
        t.DueDate, t.DueAt, t.DurationMinutes, t.ClosedAt, t.Version, t.CreatedAt, t.UpdatedAt,
        t.Comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Ordinal).ThenBy(c => c.Id).Select(CommentResponse.From).ToList(),
        t.IsFormTask
            ? new TaskFormResponse(t.FormTemplateId!.Value, t.FormVersion!.Value,
                System.Text.Json.JsonDocument.Parse(t.FormValues!).RootElement, TaskFormJson.Deserialize(t.RouteState!), t.PendingApproverIds)
            : null,
        listIds ?? [], t.Correspondents);
}

/// <summary>A form task's pinned template version, values, route state and the approvers awaited.</summary>
internal sealed record TaskFormResponse(Guid TemplateId, int TemplateVersion, System.Text.Json.JsonElement Values,
    Platform.Modules.Forms.Contracts.RouteState Route, IReadOnlyList<Guid> AwaitingApprovalFrom);

internal sealed record TaskSummaryResponse(
    Guid Id, string Title, Guid AuthorId, Guid? AssigneeId, DateOnly? DueDate, DateTimeOffset? DueAt,
    DateTimeOffset? ClosedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int CommentCount);

internal sealed record TaskListResponse(IReadOnlyList<TaskSummaryResponse> Items, string? NextCursor)
{
    /// <summary>One page of summaries from rows fetched with LIMIT page.Limit + 1, newest activity first.</summary>
    public static TaskListResponse From(PageRequest page, IReadOnlyList<TaskSummaryResponse> rows)
    {
        var (items, next) = page.Slice(rows, t => new Cursor(t.UpdatedAt, t.Id));
        return new TaskListResponse(items, next);
    }
}

internal static class TaskSummaryQueries
{
    /// <summary>The list projection every task list uses (counts only real comments, not recorded changes).</summary>
    public static IQueryable<TaskSummaryResponse> ToSummaries(this IQueryable<WorkTask> tasks) =>
        tasks.Select(t => new TaskSummaryResponse(t.Id, t.Title, t.AuthorId, t.AssigneeId, t.DueDate, t.DueAt, t.ClosedAt, t.CreatedAt, t.UpdatedAt,
            t.Comments.Count(c => c.Kind == CommentKinds.Comment)));
}
