namespace Platform.Modules.Mail.Domain;

internal static class OutgoingStatuses
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    /// <summary>Refused for good (a 5xx answer) or failed too often: waits for an admin's "send again".</summary>
    public const string Dead = "dead";
}

internal sealed record OutgoingRecipient(string Address, string? Name);

/// <summary>
/// A message waiting to be sent, sent, or given up on: the mail outbox. Written in the same transaction as what
/// causes it (for a comment "by e-mail": when Mail takes the request off the bus, keyed by the comment), sent by a
/// <c>mail</c> node; <see cref="MessageId"/> is fixed when the row is written, so a retry after a crash sends the same
/// message (a receiving server that got it before sees the same Message-ID).
/// </summary>
internal sealed class OutgoingMessage
{
    public const int MaxAttempts = 8;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? IntegrationId { get; set; }
    public Guid? TaskId { get; set; }
    /// <summary>The comment this message carries; unique, so a request handled twice queues one message.</summary>
    public Guid? CommentId { get; set; }
    public string FromAddress { get; set; } = null!;
    public string? FromName { get; set; }
    public List<OutgoingRecipient> To { get; set; } = [];
    public string Subject { get; set; } = null!;
    public string Text { get; set; } = null!;
    public string MessageId { get; set; } = null!;
    public string? InReplyTo { get; set; }
    public string? References { get; set; }
    public string Status { get; set; } = OutgoingStatuses.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
