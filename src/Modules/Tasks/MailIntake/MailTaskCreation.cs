using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Outbox;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Mail.Contracts;
using Platform.Modules.Tasks.Contracts;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.MailIntake;

/// <summary>A new message (not a reply): a task assigned to the mailbox's responsible, with the message's id.</summary>
internal sealed class MailTaskCreation(TasksDbContext db, IUserDirectory directory)
{
    /// <summary>More would be a mailing list, not people to write back to; the rest are left out.</summary>
    public const int MaxCorrespondents = 50;

    public async Task<MailIntakeResult?> HandleAsync(MailMessageReceived mail, DateTimeOffset now, CancellationToken ct)
    {
        var organizationId = mail.OrganizationId;
        if (await db.Tasks.AnyAsync(t => t.Id == mail.MessageId && t.OrganizationId == organizationId, ct))
            return null;

        var responsible = await directory.FindAsync(organizationId, mail.ResponsibleId, ct);
        if (responsible is null || responsible.IsBlocked)
            return MailIntakeResult.Refused(null,
                $"the mailbox's responsible person ({mail.ResponsibleId}) is not an active member of the organisation: choose another one in the mail integration.");

        var members = await MailMembers.ByAddressAsync(directory, organizationId, mail.Cc.Select(c => c.Address).Append(mail.From.Address), ct);
        var sender = members.Find(mail.From.Address);
        // An unknown policy is read as the stricter one: a mailbox must never let strangers in by mistake.
        if (sender is null && mail.SenderPolicy != MailSenderPolicies.Anyone)
            return MailIntakeResult.Refused(null, $"{mail.From.Address} is not a member of the organisation.");

        var task = WorkTask.CreateWithId(mail.MessageId, organizationId, sender?.Id ?? responsible.Id,
            MailText.Title(mail.Subject, WorkTask.MaxTitleLength), MailText.Storable(mail.Text, WorkTask.MaxDescriptionLength), responsible.Id, now);
        task.AddInitialParticipants([.. await ActiveMembersAsync(mail.ParticipantIds, organizationId, ct),
            .. mail.Cc.Select(c => members.Find(c.Address)).OfType<UserSummary>().Select(u => u.Id)]);

        // The external sender first: they are whom a reply by e-mail answers in the first place.
        var externalAuthor = sender is null ? MailText.Correspondent(mail.From.Address, mail.From.Name) : null;
        var outsiders = (externalAuthor is null ? [] : new[] { externalAuthor })
            .Concat(mail.Cc.Where(c => members.Find(c.Address) is null).Select(c => MailText.Correspondent(c.Address, c.Name)).OfType<TaskCorrespondent>())
            .DistinctBy(c => c.Address, StringComparer.OrdinalIgnoreCase).Take(MaxCorrespondents).ToList();

        string? reason = null;
        Guid? listId = null;
        if (mail.ListId is { } wantedList)
        {
            if (await db.Lists.AnyAsync(l => l.Id == wantedList && l.OrganizationId == organizationId, ct))
            {
                listId = wantedList;
                db.ListItems.Add(new TaskListItem(wantedList, task.Id, organizationId, now));
            }
            else
                // The message is still worth a task: only where to file it is gone (the list was deleted since the integration was set up).
                reason = $"the list {wantedList} of the mail integration no longer exists: the task was created outside any list.";
        }
        task.RecordCreatedFromMail(externalAuthor, outsiders, listId);

        db.Tasks.Add(task);
        // A member who wrote the mail has seen it; the responsible of a stranger's mail has not: it is new in their inbox.
        if (sender is not null)
            db.UserStates.Add(new TaskUserState(task.Id, organizationId, sender.Id) { LastReadAt = now });
        db.AddIntegrationEvent(new TaskCreated(
            organizationId, task.Id, task.Title, task.AuthorId, task.AssigneeId, task.ParticipantIds, task.CreatedAt, task.SubscriberIds));
        return new MailIntakeResult(MailOutcomes.TaskCreated, task.Id, reason);
    }

    private async Task<IEnumerable<Guid>> ActiveMembersAsync(IReadOnlyList<Guid> userIds, Guid organizationId, CancellationToken ct)
    {
        var distinct = userIds.Distinct().ToList();
        return distinct.Count == 0 ? [] : (await directory.FindManyAsync(organizationId, distinct, ct)).Where(u => !u.IsBlocked).Select(u => u.Id);
    }
}
