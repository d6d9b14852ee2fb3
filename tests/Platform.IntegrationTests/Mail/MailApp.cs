using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Platform.IntegrationTests.Infrastructure;
using Platform.LocalResources;

namespace Platform.IntegrationTests.Mail;

/// <summary>
/// The whole host beside a real mail system (Dovecot IMAP + aiosmtpd delivering into its Maildirs), with the reader
/// checking every half second and short leases, so that what a mail node does shows within a second or two.
/// </summary>
public sealed class MailApp : PlatformApp
{
    private static int _mailboxes;

    public MailServer Mail { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Platform:Mail:CheckInterval"] = "00:00:00.500",
        ["Platform:Mail:LeaseDuration"] = "00:00:05",
        ["Platform:Mail:PollInterval"] = "00:00:00.500",
        ["Platform:Mail:SendInterval"] = "00:00:00.500",
        ["Platform:Mail:RetryDelay"] = "00:00:00.500",
        ["Platform:Mail:Timeout"] = "00:00:10",
        ["Platform:Mail:MaxMessageBytes"] = "200000",
    };

    public override async Task InitializeAsync()
    {
        Mail = new MailServer(Path.Combine(Path.GetTempPath(), "platform-it-mail", DatabaseName), PortAllocator.GetFreeTcpPort(), PortAllocator.GetFreeTcpPort());
        await Mail.StartAsync(CancellationToken.None);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
        try
        {
            Directory.Delete(Mail.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A new mailbox user of its own for a test (tests share the server, never a mailbox).</summary>
    public async Task<(string User, string Password)> NewMailboxAsync()
    {
        var user = $"box{Interlocked.Increment(ref _mailboxes)}";
        var password = Guid.NewGuid().ToString("N");
        await Mail.AddUserAsync(user, password, CancellationToken.None);
        return (user, password);
    }

    /// <summary>An integration request reading <paramref name="user"/>'s INBOX on the test Dovecot.</summary>
    public object IntegrationRequest(string user, string password, Guid responsibleId, string senderPolicy = "anyone", string? name = null,
        string folder = "INBOX", int? imapPort = null, string host = "127.0.0.1", bool withSmtp = true) => new
    {
        name = name ?? $"Support {user}",
        imap = new { host, port = imapPort ?? Mail.ImapPort, security = "none", user, password },
        folder,
        address = Mail.Address(user),
        smtp = withSmtp ? new { host = "127.0.0.1", port = Mail.SmtpPort, security = "none" } : null,
        responsibleId,
        senderPolicy,
    };

    public async Task SendAsync(MimeMessage message)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", Mail.SmtpPort, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(quit: true);
    }

    public static MimeMessage Message(string from, string to, string subject, string text, string? messageId = null)
    {
        var message = new MimeMessage { Subject = subject, MessageId = messageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("example.test") };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    /// <summary>Polls <paramref name="read"/> until it gives a value for which <paramref name="done"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited in vain for {what}; last seen: {System.Text.Json.JsonSerializer.Serialize(value)}");
            await Task.Delay(200);
        }
    }
}

public sealed record MailAccountDto(string Host, int Port, string Security, string User, bool HasPassword);

public sealed record ReaderStateDto(string? Node, DateTimeOffset? LastCheckedAt, bool? IdleSupported, string? LastError, DateTimeOffset? LastErrorAt, long LastUid);

public sealed record IntegrationDto(Guid Id, string Name, bool Enabled, MailAccountDto Imap, string Folder, string Address, MailAccountDto? Smtp,
    Guid ResponsibleId, string SenderPolicy, ReaderStateDto Reader);

public sealed record ConnectionTestDto(bool Ok, string? FailedStage, string Detail, bool? IdleSupported, int? MessageCount);

public sealed record InboundDto(Guid Id, long Uid, string? MessageId, string? Sender, string? Subject, long Size, string Status, string? Reason, Guid? TaskId);

public sealed record InboundListDto(IReadOnlyList<InboundDto> Items, string? NextCursor);

public static class MailApi
{
    public static async Task<IReadOnlyList<InboundDto>> MessagesAsync(HttpClient admin, Guid integrationId) =>
        (await admin.GetFromJsonAsync<InboundListDto>($"/api/v1/mail/integrations/{integrationId}/messages"))!.Items;
}
