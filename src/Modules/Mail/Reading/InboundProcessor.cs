using Microsoft.EntityFrameworkCore;
using MimeKit;
using Platform.BuildingBlocks.Outbox;
using Platform.Modules.Mail.Contracts;
using Platform.Modules.Mail.Data;
using Platform.Modules.Mail.Domain;
using Platform.Modules.Mail.Parsing;

namespace Platform.Modules.Mail.Reading;

/// <summary>The lease of a mailbox passed to another node while this one was working on it.</summary>
internal sealed class LeaseLostException(Guid integrationId)
    : Exception($"The lease of mailbox integration {integrationId} is no longer held by this node.");

/// <summary>A message as the reader fetched it: its UID and size, and the parsed message unless it could not be had.</summary>
internal sealed record FetchedMessage(long UidValidity, long Uid, long Size, MimeMessage? Message, string? Failure);

/// <summary>
/// Records one fetched message and hands it on, in one transaction: the record (unique per UID), the thread entry,
/// the event for Tasks (Mail's outbox) and the reader's progress (<see cref="MailIntegration.LastUid"/>), the last only
/// while this node still holds the lease. A crash anywhere before the commit leaves the message unread; after it the
/// message is done, whatever happens to the \Seen flag.
/// </summary>
internal sealed class InboundProcessor(MailDbContext db, TimeProvider time)
{
    /// <returns>The record's status.</returns>
    public async Task<string> ProcessAsync(MailIntegration integration, string leaseHolder, FetchedMessage fetched, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var record = new InboundMessage
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = integration.OrganizationId,
            IntegrationId = integration.Id,
            UidValidity = fetched.UidValidity,
            Uid = fetched.Uid,
            Size = fetched.Size,
            ReceivedAt = now,
        };
        var message = fetched.Message;
        if (message is not null)
        {
            // Header values of hostile mail may hold NUL, which PostgreSQL text refuses: one such message must not
            // stop the mailbox (its commit would fail on every retry).
            record.MessageId = Truncate(Storable(message.MessageId), InboundMessage.MaxMessageIdLength);
            record.FromAddress = Truncate(Storable(message.From.Mailboxes.FirstOrDefault()?.Address), 320);
            record.Subject = MailText.Subject(message, 500);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (status, reason) = message is null ? (InboundStatuses.Failed, fetched.Failure) : await DecideAsync(integration, message, record, ct);
        record.Status = status;
        record.Reason = Truncate(reason, InboundMessage.MaxReasonLength);
        db.InboundMessages.Add(record);
        await db.SaveChangesAsync(ct);
        var advanced = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE mail.integrations SET last_uid = {fetched.Uid}, uid_validity = {fetched.UidValidity}, last_checked_at = {now}
            WHERE id = {integration.Id} AND lease_holder = {leaseHolder} AND lease_until > now()
            """, ct);
        if (advanced == 0)
            throw new LeaseLostException(integration.Id);
        await transaction.CommitAsync(ct);
        integration.LastUid = fetched.Uid;
        integration.UidValidity = fetched.UidValidity;
        return status;
    }

    private async Task<(string Status, string? Reason)> DecideAsync(MailIntegration integration, MimeMessage message, InboundMessage record, CancellationToken ct)
    {
        if (AutomaticMail.Reason(message) is { } automatic)
            return (InboundStatuses.Ignored, automatic);
        var from = message.From.Mailboxes.FirstOrDefault();
        if (from is null || string.IsNullOrWhiteSpace(from.Address) || !from.Address.Contains('@'))
            return (InboundStatuses.Failed, "The message has no sender address (From).");
        if (record.MessageId is { } messageId && await db.InboundMessages.AnyAsync(
                m => m.IntegrationId == integration.Id && m.MessageId == messageId && m.Status != InboundStatuses.Failed, ct))
            return (InboundStatuses.Duplicate, $"A message with Message-ID <{messageId}> was read from this mailbox before.");

        var taskId = await FindTaskAsync(integration.OrganizationId, message, ct);
        var body = MailText.Body(message, MailMessageReceived.MaxTextLength);
        if (taskId is not null)
            body = MailText.Reply(body);
        var own = OwnAddresses(integration);
        var copied = message.To.Mailboxes.Concat(message.Cc.Mailboxes)
            .Where(m => !string.IsNullOrWhiteSpace(m.Address) && !own(m.Address) && !string.Equals(m.Address, from.Address, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(m => m.Address.ToLowerInvariant())
            .Take(50)
            .Select(m => new MailCorrespondent(MailText.Clean(m.Address), NameOf(m)))
            .ToList();
        var subject = MailText.Subject(message, MailMessageReceived.MaxSubjectLength);
        db.AddIntegrationEvent(new MailMessageReceived(
            integration.OrganizationId, record.Id, integration.Id, taskId, integration.ListId, integration.ResponsibleId,
            integration.ParticipantIds, integration.SenderPolicy, new MailCorrespondent(MailText.Clean(from.Address), NameOf(from)), copied,
            subject, body, record.ReceivedAt));
        // Later replies to this message (from anyone copied on it) find the task through its Message-ID.
        if (record.MessageId is { } id && !await db.ThreadMessages.AnyAsync(t => t.OrganizationId == integration.OrganizationId && t.MessageId == id, ct))
        {
            db.ThreadMessages.Add(new ThreadMessage
            {
                OrganizationId = integration.OrganizationId, MessageId = id, TaskId = taskId ?? record.Id,
                IntegrationId = integration.Id, CreatedAt = record.ReceivedAt,
            });
        }

        record.TaskId = taskId;
        return (InboundStatuses.Delivered, taskId is null ? "Handed to Tasks as a new task." : "Handed to Tasks as a reply.");
    }

    /// <summary>In-Reply-To and References against the thread's Message-IDs (the newest first), then the plus-address.</summary>
    private async Task<Guid?> FindTaskAsync(Guid organizationId, MimeMessage message, CancellationToken ct)
    {
        var referenced = message.References.Reverse().Prepend(message.InReplyTo).OfType<string>().Where(r => r.Length <= InboundMessage.MaxMessageIdLength).Distinct().Take(50).ToList();
        if (referenced.Count > 0)
        {
            var known = await db.ThreadMessages.AsNoTracking()
                .Where(t => t.OrganizationId == organizationId && referenced.Contains(t.MessageId))
                .Select(t => new { t.MessageId, t.TaskId })
                .ToListAsync(ct);
            foreach (var reference in referenced)
                if (known.FirstOrDefault(k => k.MessageId == reference) is { } hit)
                    return hit.TaskId;
        }

        return ReplyAddress.Find(message);
    }

    private static Func<string, bool> OwnAddresses(MailIntegration integration)
    {
        var at = integration.Address.LastIndexOf('@');
        var local = integration.Address[..at];
        var domain = integration.Address[at..];
        return address => string.Equals(address, integration.Address, StringComparison.OrdinalIgnoreCase)
            || (address.EndsWith(domain, StringComparison.OrdinalIgnoreCase) && address.StartsWith(local + "+", StringComparison.OrdinalIgnoreCase));
    }

    private static string? NameOf(MailboxAddress mailbox) => string.IsNullOrWhiteSpace(mailbox.Name) ? null : Truncate(MailText.Clean(mailbox.Name), 200);

    private static string? Storable(string? value) => value is null ? null : MailText.Clean(value);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
