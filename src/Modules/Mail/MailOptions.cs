namespace Platform.Modules.Mail;

/// <summary><c>Platform:Mail</c>: how mail nodes read and send (docs/mail.md).</summary>
internal sealed class MailOptions
{
    public const string Section = "Platform:Mail";

    /// <summary>How often a mail node looks for mailboxes without a reader and renews the leases it holds.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a lease lasts unrenewed. A reader that dies is replaced after at most LeaseDuration + CheckInterval
    /// (60 s by default); a lease must outlive a couple of missed renewals, so keep it ≥ 3 × CheckInterval.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Without IMAP IDLE, how often the reader asks for new mail.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>IDLE is re-issued this often (servers drop an IDLE after 30 minutes; RFC 2177 advises under 29).</summary>
    public TimeSpan IdleRefresh { get; set; } = TimeSpan.FromMinutes(9);

    /// <summary>Connect/command timeout for IMAP and SMTP.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A larger message is not downloaded: it is recorded as failed and left in the mailbox.</summary>
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>How deep MIME parts may nest before the parser stops descending (hostile mail nests thousands deep).</summary>
    public int MaxMimeDepth { get; set; } = 32;

    /// <summary>How often the sender looks for due outgoing messages when nothing woke it.</summary>
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first retry of a failed send; each next waits twice as long, at most an hour.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
