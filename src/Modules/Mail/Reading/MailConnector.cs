using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Platform.Modules.Mail.Domain;

namespace Platform.Modules.Mail.Reading;

/// <summary>Where connecting to a mail server failed, for "test connection" and for the integration's last error.</summary>
internal static class ConnectStages
{
    public const string Dns = "dns";
    public const string Tcp = "tcp";
    public const string Tls = "tls";
    public const string Login = "login";
    public const string Folder = "folder";
}

internal sealed class MailConnectException(string stage, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Stage { get; } = stage;
}

/// <summary>
/// Connects MailKit clients step by step (name lookup, TCP, TLS, login) so that a failure names the step that failed
/// in words an admin can act on. Nothing here writes a password anywhere.
/// </summary>
internal static class MailConnector
{
    public static async Task<ImapClient> ConnectImapAsync(MailAccount account, string password, TimeSpan timeout, CancellationToken ct)
    {
        var client = new ImapClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await ConnectAsync(client, account, timeout, ct);
            await LoginAsync(client, account, password, ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public static async Task<SmtpClient> ConnectSmtpAsync(MailAccount account, string? password, TimeSpan timeout, CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await ConnectAsync(client, account, timeout, ct);
            // An SMTP account without a user is a relay that trusts our address (a local MTA).
            if (!string.IsNullOrEmpty(account.User) && password is not null)
                await LoginAsync(client, account, password, ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Opens the folder the integration reads, or names it as the failure.</summary>
    public static async Task<IMailFolder> OpenFolderAsync(ImapClient client, string folder, FolderAccess access, CancellationToken ct)
    {
        try
        {
            var opened = string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(folder, ct);
            await opened.OpenAsync(access, ct);
            return opened;
        }
        catch (FolderNotFoundException e)
        {
            throw new MailConnectException(ConnectStages.Folder, $"The folder \"{folder}\" does not exist in this mailbox.", e);
        }
        catch (ImapCommandException e)
        {
            throw new MailConnectException(ConnectStages.Folder, $"The folder \"{folder}\" cannot be opened: {e.Message}", e);
        }
    }

    private static async Task ConnectAsync(MailService client, MailAccount account, TimeSpan timeout, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(account.Host, out var literal))
            addresses = [literal];
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(account.Host, ct);
            }
            catch (SocketException e)
            {
                throw new MailConnectException(ConnectStages.Dns, $"The name {account.Host} cannot be resolved ({e.SocketErrorCode}).", e);
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connecting.CancelAfter(timeout);
            await socket.ConnectAsync(addresses, account.Port, connecting.Token);
        }
        catch (Exception e) when (e is SocketException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            socket.Dispose();
            var why = e is SocketException s ? s.SocketErrorCode.ToString() : $"no answer within {timeout.TotalSeconds:0} s";
            throw new MailConnectException(ConnectStages.Tcp, $"No connection to {account.Host}:{account.Port} ({why}).", e);
        }

        try
        {
            await client.ConnectAsync(socket, account.Host, account.Port, SocketOptions(account.Security), ct);
        }
        catch (Exception e) when (e is SslHandshakeException or System.Security.Authentication.AuthenticationException)
        {
            socket.Dispose();
            throw new MailConnectException(ConnectStages.Tls, $"The TLS handshake with {account.Host}:{account.Port} failed: {e.Message.Split('\n')[0].Trim()}", e);
        }
        catch (Exception e) when (e is NotSupportedException && account.Security == MailSecurity.StartTls)
        {
            socket.Dispose();
            throw new MailConnectException(ConnectStages.Tls, $"{account.Host}:{account.Port} does not offer STARTTLS.", e);
        }
        catch (Exception e) when (e is ProtocolException or IOException or ImapProtocolException or SmtpProtocolException)
        {
            socket.Dispose();
            throw new MailConnectException(ConnectStages.Tls, $"{account.Host}:{account.Port} did not answer as a mail server should ({e.Message}); is the TLS mode right?", e);
        }
    }

    private static async Task LoginAsync(MailService client, MailAccount account, string password, CancellationToken ct)
    {
        try
        {
            await client.AuthenticateAsync(account.User, password, ct);
        }
        catch (MailKit.Security.AuthenticationException e)
        {
            throw new MailConnectException(ConnectStages.Login, $"The server refused the login of {account.User}: {e.Message}", e);
        }
    }

    private static SecureSocketOptions SocketOptions(string security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.SslOnConnect,
    };
}
