using MassTransit;
using Microsoft.EntityFrameworkCore;
using MimeKit.Utils;
using Npgsql;
using Platform.Modules.Mail.Contracts;
using Platform.Modules.Mail.Data;
using Platform.Modules.Mail.Domain;

namespace Platform.Modules.Mail.Sending;

/// <summary>
/// Queues a comment "by e-mail" for the sender: from the mailbox the task came from, with a Message-ID of its own and
/// In-Reply-To/References naming the thread's messages, so that it threads in the correspondent's client and their
/// answer finds the task again. One queued message per comment, however often the request arrives.
/// </summary>
internal sealed class TaskMailRequestedConsumer(MailDbContext db, MailSignal signal, TimeProvider time) : IConsumer<TaskMailRequested>
{
    private const int MaxReferences = 20;

    public async Task Consume(ConsumeContext<TaskMailRequested> context)
    {
        var request = context.Message;
        var ct = context.CancellationToken;
        if (await db.OutgoingMessages.AnyAsync(m => m.CommentId == request.CommentId, ct))
            return;
        var thread = await db.ThreadMessages.AsNoTracking()
            .Where(t => t.OrganizationId == request.OrganizationId && t.TaskId == request.TaskId)
            .OrderBy(t => t.CreatedAt).ToListAsync(ct);
        var now = time.GetUtcNow();
        var integrationId = thread.LastOrDefault()?.IntegrationId;
        var integration = integrationId is null ? null
            : await db.Integrations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == integrationId && i.OrganizationId == request.OrganizationId, ct);
        var outgoing = new OutgoingMessage
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = request.OrganizationId,
            IntegrationId = integration?.Id,
            TaskId = request.TaskId,
            CommentId = request.CommentId,
            FromAddress = integration?.Address ?? string.Empty,
            FromName = request.AuthorName,
            To = request.Recipients.Select(r => new OutgoingRecipient(r.Address, r.Name)).ToList(),
            Subject = Subject(request.TaskTitle),
            Text = request.Text,
            MessageId = MimeUtils.GenerateMessageId(Domain(integration?.Address)),
            InReplyTo = thread.LastOrDefault()?.MessageId,
            References = thread.Count == 0 ? null : string.Join(' ', thread.TakeLast(MaxReferences).Select(t => $"<{t.MessageId}>")),
            NextAttemptAt = now,
            CreatedAt = now,
        };
        if (integration is null)
        {
            // Not a task that came by mail (or its mailbox was deleted): nothing to send from; an admin sees why.
            outgoing.Status = OutgoingStatuses.Dead;
            outgoing.LastError = "The task has no mailbox integration to send from (it did not come by e-mail, or its integration was deleted).";
        }

        db.OutgoingMessages.Add(outgoing);
        // The answer to this message comes back with it in In-Reply-To.
        db.ThreadMessages.Add(new ThreadMessage
        {
            OrganizationId = request.OrganizationId, MessageId = outgoing.MessageId, TaskId = request.TaskId,
            IntegrationId = integration?.Id ?? Guid.Empty, CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same request handled on another node at the same moment: its row is the one.
            return;
        }

        signal.Notify();
    }

    private static string Subject(string title)
    {
        var subject = "Re: " + title.ReplaceLineEndings(" ");
        return subject.Length > 500 ? subject[..500] : subject;
    }

    private static string Domain(string? address) =>
        address is not null && address.LastIndexOf('@') is var at and > 0 ? address[(at + 1)..] : "platform.invalid";
}
