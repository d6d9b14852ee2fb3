using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Outbox;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Mail.Contracts;
using Platform.Modules.Tasks.Data;

namespace Platform.Modules.Tasks.MailIntake;

/// <summary>What became of a message; null when it had been handled already (nothing more to publish).</summary>
internal sealed record MailIntakeResult(string Outcome, Guid? TaskId, string? Reason)
{
    public static MailIntakeResult Refused(Guid? taskId, string reason) => new(MailOutcomes.Refused, taskId, reason);
}

/// <summary>
/// Turns a message from a connected mailbox into a new task or a comment on the task it answers. Everything it
/// writes (the task or comment, TaskCreated/TaskCommented for the live stream, MailMessageHandled for Mail) is one
/// transaction, and the task and the comment take the message's id: a redelivery after a crash or a lost ack
/// finds its work done and writes nothing. A message refused (the sender may not write there) writes only
/// MailMessageHandled; throwing is left to failures that a retry can cure (the database), since RabbitMQ
/// redelivers on exceptions.
/// </summary>
internal sealed class MailIntakeConsumer(TasksDbContext db, MailTaskCreation creation, MailReply reply, TimeProvider time)
    : IConsumer<MailMessageReceived>
{
    public async Task Consume(ConsumeContext<MailMessageReceived> context)
    {
        var mail = context.Message;
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNowForDatabase();
        var result = mail.TaskId is { } taskId ? await reply.HandleAsync(mail, taskId, now, ct) : await creation.HandleAsync(mail, now, ct);
        if (result is null)
            return;
        db.AddIntegrationEvent(new MailMessageHandled(mail.OrganizationId, mail.MessageId, result.Outcome, result.TaskId, result.Reason, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>The organisation's active members among a message's addresses (bots have no address; blocked members cannot act).</summary>
internal static class MailMembers
{
    public static async Task<Dictionary<string, UserSummary>> ByAddressAsync(
        IUserDirectory directory, Guid organizationId, IEnumerable<string> addresses, CancellationToken ct)
    {
        var wanted = addresses.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var found = wanted.Count == 0 ? [] : await directory.FindByEmailsAsync(organizationId, wanted, ct);
        return found.Where(u => !u.IsBot && !u.IsBlocked)
            .GroupBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    public static UserSummary? Find(this Dictionary<string, UserSummary> members, string? address) =>
        address is not null && members.TryGetValue(address.Trim(), out var member) ? member : null;
}
