namespace Platform.Modules.Mail.Domain;

/// <summary>What happened to a message read from a mailbox (<see cref="InboundMessage.Status"/>).</summary>
internal static class InboundStatuses
{
    /// <summary>Handed to Tasks; waiting for its answer.</summary>
    public const string Delivered = "delivered";
    public const string TaskCreated = "task_created";
    public const string Commented = "commented";
    /// <summary>Tasks refused it (the sender may not write there).</summary>
    public const string Refused = "refused";
    /// <summary>An auto-reply, bounce or list message: never turned into anything, never answered.</summary>
    public const string Ignored = "ignored";
    /// <summary>Its Message-ID was read before (a copy in the folder, a re-upload after UIDVALIDITY changed).</summary>
    public const string Duplicate = "duplicate";
    /// <summary>Could not be processed (too large, unreadable, no sender); left in the mailbox.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// One message read from a mailbox, whatever became of it: the reader's record, unique per (integration,
/// UIDVALIDITY, UID), so that no message is read twice even by two nodes, and what admins see.
/// </summary>
internal sealed class InboundMessage
{
    public const int MaxMessageIdLength = 998;
    public const int MaxReasonLength = 2000;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid IntegrationId { get; set; }
    public long UidValidity { get; set; }
    public long Uid { get; set; }
    public string? MessageId { get; set; }
    public string? FromAddress { get; set; }
    public string? Subject { get; set; }
    public long Size { get; set; }
    public string Status { get; set; } = null!;
    public string? Reason { get; set; }
    public Guid? TaskId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
}

/// <summary>
/// A Message-ID that belongs to a task's thread (the message that created it, replies, what we sent): a reply's
/// In-Reply-To/References are looked up here to find its task.
/// </summary>
internal sealed class ThreadMessage
{
    public Guid OrganizationId { get; set; }
    public string MessageId { get; set; } = null!;
    public Guid TaskId { get; set; }
    public Guid IntegrationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
