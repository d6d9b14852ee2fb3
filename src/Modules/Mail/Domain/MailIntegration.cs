namespace Platform.Modules.Mail.Domain;

/// <summary>How a connection to a mail server is secured.</summary>
internal static class MailSecurity
{
    public const string None = "none";
    public const string StartTls = "starttls";
    /// <summary>TLS from the first byte (IMAPS 993, SMTPS 465).</summary>
    public const string Tls = "tls";

    public static readonly string[] All = [None, StartTls, Tls];
}

/// <summary>What the reader does with a message once it is recorded.</summary>
internal static class ProcessedActions
{
    /// <summary>Flag it \Seen and leave it where it is.</summary>
    public const string MarkSeen = "seen";
    /// <summary>Move it to <see cref="MailIntegration.ProcessedFolder"/>.</summary>
    public const string Move = "move";

    public static readonly string[] All = [MarkSeen, Move];
}

/// <summary>A mail server account: IMAP for reading, SMTP for sending. The password is stored protected (Data Protection).</summary>
internal sealed record MailAccount
{
    public string Host { get; init; } = null!;
    public int Port { get; init; }
    public string Security { get; init; } = MailSecurity.Tls;
    public string User { get; init; } = null!;
    public string ProtectedPassword { get; init; } = null!;
}

/// <summary>
/// A mailbox connected to an organisation: new mail becomes tasks (in <see cref="ListId"/>, assigned to
/// <see cref="ResponsibleId"/>), replies become comments, comments "by e-mail" go out through <see cref="Smtp"/>.
/// The reader's state (<see cref="UidValidity"/>, <see cref="LastUid"/>, the lease) lives on the same row, so that a
/// message's record and the reader's progress commit together.
/// </summary>
internal sealed class MailIntegration
{
    public const int MaxNameLength = 200;
    public const int MaxParticipants = 100;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = null!;
    public bool Enabled { get; set; } = true;

    public MailAccount Imap { get; set; } = null!;
    public string Folder { get; set; } = "INBOX";
    public string ProcessedAction { get; set; } = ProcessedActions.MarkSeen;
    public string? ProcessedFolder { get; set; }

    /// <summary>The address mail is written to and replies come from (<c>support@…</c>); replies to a task go to its plus-address.</summary>
    public string Address { get; set; } = null!;
    public MailAccount? Smtp { get; set; }

    public Guid? ListId { get; set; }
    public Guid ResponsibleId { get; set; }
    public List<Guid> ParticipantIds { get; set; } = [];
    public string SenderPolicy { get; set; } = null!;

    public long? UidValidity { get; set; }
    public long LastUid { get; set; }
    public string? LeaseHolder { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? LastCheckedAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    /// <summary>Whether the server offered IMAP IDLE at the last connection (otherwise the reader polls).</summary>
    public bool? IdleSupported { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
