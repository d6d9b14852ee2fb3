using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Mail.Data;
using Platform.Modules.Mail.Domain;

namespace Platform.Modules.Mail.Sending;

internal sealed record OutgoingRecipientResponse(string Address, string? Name);

internal sealed record OutgoingMessageResponse(
    Guid Id, Guid? IntegrationId, Guid? TaskId, Guid? CommentId, IReadOnlyList<OutgoingRecipientResponse> To, string Subject, string MessageId,
    string Status, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset? SentAt, DateTimeOffset CreatedAt)
{
    public static OutgoingMessageResponse From(OutgoingMessage m) => new(
        m.Id, m.IntegrationId, m.TaskId, m.CommentId, m.To.Select(t => new OutgoingRecipientResponse(t.Address, t.Name)).ToList(), m.Subject,
        m.MessageId, m.Status, m.Attempts, m.NextAttemptAt, m.LastError, m.SentAt, m.CreatedAt);
}

internal sealed record OutgoingMessageListResponse(IReadOnlyList<OutgoingMessageResponse> Items, string? NextCursor);

/// <summary>The organisation admin's view of the mail queue: what waits, what was sent, what died and why; "send again".</summary>
internal static class OutgoingEndpoints
{
    public static void Map(RouteGroupBuilder mail)
    {
        mail.MapGet("/outgoing", ListAsync);
        mail.MapPost("/outgoing/{id:guid}/retry", RetryAsync);
    }

    private static async Task<Results<Ok<OutgoingMessageListResponse>, ValidationProblem>> ListAsync(
        CurrentUser me, MailDbContext db, CancellationToken ct, string? status = null, int? limit = null, string? after = null)
    {
        if (!PageRequest.TryParse(limit, after, 50, 200, out var page, out var invalid))
            return invalid!;
        if (status is not null && status is not (OutgoingStatuses.Pending or OutgoingStatuses.Sent or OutgoingStatuses.Dead))
            return Problems.Invalid("status", $"must be one of: {OutgoingStatuses.Pending}, {OutgoingStatuses.Sent}, {OutgoingStatuses.Dead}.");
        var query = db.OutgoingMessages.AsNoTracking().Where(m => m.OrganizationId == me.OrganizationId);
        if (status is not null)
            query = query.Where(m => m.Status == status);
        if (page.After is { } cursor)
            query = query.Where(m => m.CreatedAt < cursor.Timestamp || (m.CreatedAt == cursor.Timestamp && m.Id.CompareTo(cursor.Id) < 0));
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(page.Limit + 1).ToListAsync(ct);
        var (items, next) = page.Slice(rows, m => new Cursor(m.CreatedAt, m.Id));
        return TypedResults.Ok(new OutgoingMessageListResponse(items.Select(OutgoingMessageResponse.From).ToList(), next));
    }

    /// <summary>Puts a dead message back in the queue, due now, with its attempts counted from zero.</summary>
    private static async Task<Results<Ok<OutgoingMessageResponse>, ProblemHttpResult>> RetryAsync(
        Guid id, CurrentUser me, MailDbContext db, MailSignal signal, TimeProvider time, CancellationToken ct)
    {
        var message = await db.OutgoingMessages.SingleOrDefaultAsync(m => m.Id == id && m.OrganizationId == me.OrganizationId, ct);
        if (message is null)
            return Problems.NotFound("The outgoing message");
        if (message.Status != OutgoingStatuses.Dead)
            return Problems.Conflict($"Only a dead message can be sent again; this one is {message.Status}.");
        message.Status = OutgoingStatuses.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return TypedResults.Ok(OutgoingMessageResponse.From(message));
    }
}
