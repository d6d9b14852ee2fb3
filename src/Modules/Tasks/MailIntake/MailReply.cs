using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Mail.Contracts;
using Platform.Modules.Tasks.Access;
using Platform.Modules.Tasks.Changes;
using Platform.Modules.Tasks.Contracts;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.MailIntake;

/// <summary>
/// A reply to a task's mail: a comment with the message's id, by a member who may see the task or by one of its
/// correspondents. Only From decides who wrote it: a Cc cannot vouch for a sender, and is not added to the task.
/// A closed task takes the comment and stays closed: reopening is a decision for its people, not for a mail.
/// </summary>
internal sealed class MailReply(TasksDbContext db, IUserDirectory directory, TaskAccess access, TaskChanges changes)
{
    public async Task<MailIntakeResult?> HandleAsync(MailMessageReceived mail, Guid taskId, DateTimeOffset now, CancellationToken ct)
    {
        var organizationId = mail.OrganizationId;
        // As every change of a task: its row locked first, so a redelivery running at the same time waits here and
        // then finds the comment, and a concurrent comment by a member does not fail this one on the version.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM tasks.tasks WHERE id = {taskId} AND organization_id = {organizationId} FOR UPDATE", ct);
        if (await db.Comments.AnyAsync(c => c.Id == mail.MessageId, ct))
            return null;
        if (!await db.Tasks.AnyAsync(t => t.Id == taskId && t.OrganizationId == organizationId, ct))
            return MailIntakeResult.Refused(null, "the task no longer exists.");

        var sender = (await MailMembers.ByAddressAsync(directory, organizationId, [mail.From.Address], ct)).Find(mail.From.Address);
        WorkTask? task;
        TaskCorrespondent? externalAuthor = null;
        if (sender is not null)
        {
            // Admin rights are not known from an address: an admin writing by mail is a member like any other here.
            task = await access.FindVisibleTaskAsync(taskId, new CurrentUser(sender.Id, organizationId, IsAdmin: false), withComments: false, ct);
            if (task is null)
                return MailIntakeResult.Refused(taskId, $"{mail.From.Address} may not see this task.");
        }
        else
        {
            task = await db.Tasks.Include(t => t.Participants).FirstAsync(t => t.Id == taskId && t.OrganizationId == organizationId, ct);
            var correspondent = task.FindCorrespondent(mail.From.Address);
            if (correspondent is null)
                return MailIntakeResult.Refused(taskId, $"{mail.From.Address} is neither a member of the organisation nor a correspondent of this task.");
            // The name as this mail gives it (people fix their display names), the address as the task knows it.
            externalAuthor = MailText.Correspondent(correspondent.Address, mail.From.Name ?? correspondent.Name) ?? correspondent;
        }

        var text = MailText.Storable(mail.Text, TaskComment.MaxTextLength);
        if (string.IsNullOrWhiteSpace(text))
            return MailIntakeResult.Refused(taskId, "the reply has no text (once the quoted earlier messages were cut).");
        // An outsider's comment is filed under the task's responsible (its author when nobody is), who takes part already.
        var actorId = sender?.Id ?? task.AssigneeId ?? task.AuthorId;
        TaskComment entry;
        try
        {
            entry = task.Apply(actorId, new TaskEdit { Text = text, EntryId = mail.MessageId, ExternalAuthor = externalAuthor }, now);
        }
        catch (TaskRuleException rule)
        {
            return MailIntakeResult.Refused(taskId, rule.Message);
        }
        db.AddIntegrationEvent(new TaskCommented(organizationId, task.Id, entry.Id, task.Title, actorId, task.ParticipantIds, now, entry.Kind, task.SubscriberIds));
        // A member has read what they wrote; an outsider's reply is new for everyone, the responsible included.
        if (sender is not null)
            await changes.MarkReadAsync(task, sender.Id, now, ct);
        return new MailIntakeResult(MailOutcomes.Commented, task.Id, null);
    }
}
