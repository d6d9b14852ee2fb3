using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Options;
using Platform.Modules.Mail.Domain;
using Platform.Modules.Mail.Reading;
using Platform.Modules.Mail.Secrets;

namespace Platform.Modules.Mail.Integrations;

/// <summary>"Test connection": connects as the reader and the sender would and says exactly which step failed.</summary>
internal sealed class ConnectionTester(MailSecrets secrets, IOptions<MailOptions> options)
{
    public async Task<ConnectionTestResponse> TestAsync(MailAccount imap, string folder, MailAccount? smtp, CancellationToken ct)
    {
        var timeout = options.Value.Timeout;
        bool idle;
        int count;
        try
        {
            using var client = await MailConnector.ConnectImapAsync(imap, secrets.Unprotect(imap.ProtectedPassword), timeout, ct);
            idle = client.Capabilities.HasFlag(ImapCapabilities.Idle);
            var opened = await MailConnector.OpenFolderAsync(client, folder, FolderAccess.ReadOnly, ct);
            count = opened.Count;
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (MailConnectException e)
        {
            return new ConnectionTestResponse(false, "imap." + e.Stage, e.Message, null, null);
        }
        catch (Exception e) when (e is IOException or ImapProtocolException or ImapCommandException or TimeoutException)
        {
            return new ConnectionTestResponse(false, "imap.read", $"The IMAP server broke off: {e.Message}", null, null);
        }

        if (smtp is not null)
        {
            try
            {
                var password = string.IsNullOrEmpty(smtp.ProtectedPassword) ? null : secrets.Unprotect(smtp.ProtectedPassword);
                using var client = await MailConnector.ConnectSmtpAsync(smtp, password, timeout, ct);
                await client.DisconnectAsync(quit: true, ct);
            }
            catch (MailConnectException e)
            {
                return new ConnectionTestResponse(false, "smtp." + e.Stage, e.Message, idle, count);
            }
            catch (Exception e) when (e is IOException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.Net.Smtp.SmtpCommandException or TimeoutException)
            {
                return new ConnectionTestResponse(false, "smtp.read", $"The SMTP server broke off: {e.Message}", idle, count);
            }
        }

        var detail = $"Connected, logged in and opened \"{folder}\" ({count} messages); the server {(idle ? "supports IDLE: new mail is read at once" : "has no IDLE: the mailbox is polled")}"
            + (smtp is null ? "." : "; the SMTP account accepted the login.");
        return new ConnectionTestResponse(true, null, detail, idle, count);
    }
}
