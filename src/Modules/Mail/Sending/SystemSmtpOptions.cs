namespace Platform.Modules.Mail.Sending;

/// <summary>
/// <c>Platform:Mail:Smtp</c>: the operator's system account for mail that is not sent from an organisation's own
/// mailbox (notifications, and replies of integrations without an SMTP account). The password comes from the
/// configuration (an environment variable or a secrets file), never from the database.
/// </summary>
internal sealed class SystemSmtpOptions
{
    public const string Section = "Platform:Mail:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string Security { get; set; } = "starttls";
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>The From of notifications (<c>Platform &lt;noreply@example.com&gt;</c>).</summary>
    public string? From { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
