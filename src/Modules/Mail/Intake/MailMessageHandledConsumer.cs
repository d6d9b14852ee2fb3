using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Modules.Mail.Contracts;
using Platform.Modules.Mail.Data;
using Platform.Modules.Mail.Domain;

namespace Platform.Modules.Mail.Intake;

/// <summary>Records what Tasks did with a message on its inbound record, for admins (idempotent: the same answer twice changes nothing).</summary>
internal sealed class MailMessageHandledConsumer(MailDbContext db) : IConsumer<MailMessageHandled>
{
    public async Task Consume(ConsumeContext<MailMessageHandled> context)
    {
        var handled = context.Message;
        var status = handled.Outcome switch
        {
            MailOutcomes.TaskCreated => InboundStatuses.TaskCreated,
            MailOutcomes.Commented => InboundStatuses.Commented,
            _ => InboundStatuses.Refused,
        };
        var reason = handled.Reason is { Length: > InboundMessage.MaxReasonLength } long_ ? long_[..InboundMessage.MaxReasonLength] : handled.Reason;
        await db.InboundMessages
            .Where(m => m.Id == handled.MessageId && m.OrganizationId == handled.OrganizationId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.Reason, reason)
                .SetProperty(m => m.TaskId, handled.TaskId)
                .SetProperty(m => m.HandledAt, handled.OccurredAt), context.CancellationToken);
    }
}
