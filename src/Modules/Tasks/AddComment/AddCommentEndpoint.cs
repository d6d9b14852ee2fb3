using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Mail.Contracts;
using Platform.Modules.Tasks.Attachments;
using Platform.Modules.Tasks.Changes;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;
using Platform.Modules.Tasks.Text;

namespace Platform.Modules.Tasks.AddComment;

internal sealed record AddCommentRequest(string? Text, int? SpentMinutes, IReadOnlyList<Guid>? Attachments = null)
{
    /// <summary>Also send the text to the task's e-mail correspondents (the Mail module sends it: TaskMailRequested).</summary>
    public bool? SendByEmail { get; init; }
}

internal static class AddCommentEndpoint
{
    public const int MaxSpentMinutes = 7 * 24 * 60;

    public static void Map(RouteGroupBuilder tasks) => tasks.MapPost("/{id:guid}/comments", HandleAsync);

    /// <summary>
    /// A comment; people @mentioned in it who belong to the organisation join the task. With <c>sendByEmail</c> it
    /// also goes to the task's correspondents: the request for Mail is stored in the comment's transaction, so a
    /// comment shown as sent is never lost on the way to the mailbox, and one that failed is never shown as sent.
    /// </summary>
    private static async Task<IResult> HandleAsync(
        Guid id, AddCommentRequest request, CurrentUser me, TaskChanges changes, IUserDirectory directory, TaskAttachments attachments,
        TasksDbContext db, HttpRequest http, CancellationToken ct)
    {
        var sendByEmail = request.SendByEmail == true;
        // A comment is text, files, or both; one sent by e-mail needs a text (files do not travel by mail).
        var errors = request.Attachments is { Count: > 0 } && !sendByEmail
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
        var edit = new TaskEdit { Text = request.Text, SpentMinutes = request.SpentMinutes, AddParticipants = members, SentByEmail = sendByEmail };
        var authorName = sendByEmail ? (await directory.FindAsync(me.OrganizationId, me.UserId, ct))?.DisplayName : null;
        return await changes.ApplyAsync(id, me, http, async (task, now) =>
        {
            // Checked on the locked task: its correspondents are those of the moment the comment is written.
            if (sendByEmail && task.Correspondents.Count == 0)
                throw new TaskFieldsException([new FieldError("sendByEmail", "the task has no e-mail correspondents.")]);
            var files = await attachments.AttachAsync(me, task.Id, request.Attachments, ct);
            var entry = task.Apply(me.UserId, edit with { Attachments = files }, now);
            if (sendByEmail)
                db.AddIntegrationEvent(new TaskMailRequested(task.OrganizationId, task.Id, entry.Id, task.Title, authorName ?? string.Empty,
                    entry.Text!, [.. task.Correspondents.Select(c => new MailCorrespondent(c.Address, c.Name))], now));
            return entry;
        }, ct);
    }
}
