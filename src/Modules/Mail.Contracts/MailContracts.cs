using Platform.BuildingBlocks;

namespace Platform.Modules.Mail.Contracts;

/// <summary>Someone outside the product who wrote to a mailbox or is copied on it: never a member, only an address.</summary>
public sealed record MailCorrespondent(string Address, string? Name);

/// <summary>Who may write into a mailbox integration.</summary>
public static class MailSenderPolicies
{
    /// <summary>Only members of the organisation (matched by e-mail address); others are refused and recorded.</summary>
    public const string Members = "members";

    /// <summary>Anyone; a sender who is not a member is recorded as an external correspondent of the task.</summary>
    public const string Anyone = "anyone";

    public static bool IsKnown(string? policy) => policy is Members or Anyone;
}

/// <summary>What became of a received message (<see cref="MailMessageHandled.Outcome"/>).</summary>
public static class MailOutcomes
{
    public const string TaskCreated = "task_created";
    public const string Commented = "commented";
    /// <summary>The sender may not write there (not a member, not a correspondent of the task, …): nothing was created.</summary>
    public const string Refused = "refused";
}

/// <summary>
/// A message read from an organisation's connected mailbox, for Tasks to turn into a new task (<paramref name="TaskId"/>
/// null) or into a comment on the task it answers (matched by Mail from In-Reply-To/References or the reply address).
/// <paramref name="MessageId"/> is Mail's record of the message: the new task and the comment take it as their id, so
/// handling the event twice creates nothing twice. <paramref name="Text"/> is plain text (HTML already converted,
/// quoted history of replies already cut), at most <see cref="MaxTextLength"/> characters.
/// </summary>
public sealed record MailMessageReceived(
    Guid OrganizationId,
    Guid MessageId,
    Guid IntegrationId,
    Guid? TaskId,
    Guid? ListId,
    Guid ResponsibleId,
    IReadOnlyList<Guid> ParticipantIds,
    string SenderPolicy,
    MailCorrespondent From,
    IReadOnlyList<MailCorrespondent> Cc,
    string Subject,
    string Text,
    DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public const int MaxTextLength = 50_000;
    public const int MaxSubjectLength = 500;
}

/// <summary>What the receiving module did with a <see cref="MailMessageReceived"/>; Mail shows it to admins.</summary>
public sealed record MailMessageHandled(
    Guid OrganizationId,
    Guid MessageId,
    string Outcome,
    Guid? TaskId,
    string? Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A comment written "by e-mail" on a task that has correspondents: Mail sends <paramref name="Text"/> to
/// <paramref name="Recipients"/> from the mailbox the task came from, threaded with the task's earlier messages.
/// <paramref name="CommentId"/> makes the request idempotent (one outgoing message per comment).
/// </summary>
public sealed record TaskMailRequested(
    Guid OrganizationId,
    Guid TaskId,
    Guid CommentId,
    string TaskTitle,
    string AuthorName,
    string Text,
    IReadOnlyList<MailCorrespondent> Recipients,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
