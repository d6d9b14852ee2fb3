using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Tasks.Attachments;
using Platform.Modules.Tasks.Changes;
using Platform.Modules.Tasks.Domain;
using Platform.Modules.Tasks.Text;

namespace Platform.Modules.Tasks.AddComment;

internal sealed record AddCommentRequest(string? Text, int? SpentMinutes, IReadOnlyList<Guid>? Attachments = null);

internal static class AddCommentEndpoint
{
    public const int MaxSpentMinutes = 7 * 24 * 60;

    public static void Map(RouteGroupBuilder tasks) => tasks.MapPost("/{id:guid}/comments", HandleAsync);

    /// <summary>A comment; people @mentioned in it who belong to the organisation join the task.</summary>
    private static async Task<IResult> HandleAsync(
        Guid id, AddCommentRequest request, CurrentUser me, TaskChanges changes, IUserDirectory directory, TaskAttachments attachments,
        HttpRequest http, CancellationToken ct)
    {
        // A comment is text, files, or both.
        var errors = request.Attachments is { Count: > 0 }
            ? new FieldErrors().Optional("text", request.Text, TaskComment.MaxTextLength)
            : new FieldErrors().Required("text", request.Text, TaskComment.MaxTextLength);
        if (TaskAttachments.Validate(request.Attachments) is { } tooMany)
            errors.Add("attachments", tooMany);
        if (request.SpentMinutes is < 1 or > MaxSpentMinutes)
            errors.Add("spentMinutes", $"must be between 1 and {MaxSpentMinutes}.");
        if (errors.Any)
            return errors.ToProblem();

        // Ids that are not members of the caller's organisation are ignored, not reported: the
        // text is the user's, and a stale mention must not make the comment fail.
        var mentioned = Mentions.Find(request.Text);
        var members = mentioned.Count == 0 ? [] : (await directory.FindManyAsync(me.OrganizationId, mentioned, ct)).Select(u => u.Id).ToList();
        var edit = new TaskEdit { Text = request.Text, SpentMinutes = request.SpentMinutes, AddParticipants = members };
        return await changes.ApplyAsync(id, me, http, async (task, now) =>
        {
            var files = await attachments.AttachAsync(me, task.Id, request.Attachments, ct);
            return task.Apply(me.UserId, edit with { Attachments = files }, now);
        }, ct);
    }
}
