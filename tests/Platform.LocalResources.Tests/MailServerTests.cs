using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Platform.LocalResources.Tests;

public sealed class MailServerTests
{
    [Fact]
    public async Task Mail_sent_over_smtp_is_read_over_imap_plus_tags_reach_the_user_unknown_recipients_are_refused_and_nothing_is_left_running()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "mail");
        var imapPort = PortAllocator.GetFreeTcpPort();
        var smtpPort = PortAllocator.GetFreeTcpPort();
        int dovecotPid, smtpPid;
        await using (var server = new MailServer(dataDirectory, imapPort, smtpPort))
        {
            await server.AddUserAsync("tasks", "s3cret", CancellationToken.None);
            await server.StartAsync(CancellationToken.None);
            dovecotPid = server.DovecotProcessId ?? throw new InvalidOperationException("no dovecot after start");
            smtpPid = server.SmtpProcessId ?? throw new InvalidOperationException("no smtp after start");
            // A user added while the servers run can log in at once (Dovecot re-reads its passwd-file).
            await server.AddUserAsync("alice", "wonder", CancellationToken.None);

            using (var smtp = new SmtpClient())
            {
                await smtp.ConnectAsync("127.0.0.1", smtpPort, SecureSocketOptions.None);
                var message = new MimeMessage { Subject = "Printer on floor 3 is jammed" };
                message.From.Add(new MailboxAddress("Bob", "bob@example.test"));
                message.To.Add(MailboxAddress.Parse(server.Address("tasks+abc123")));
                message.Cc.Add(MailboxAddress.Parse(server.Address("alice")));
                message.Body = new TextPart("plain") { Text = "Пожалуйста, почините принтер." };
                await smtp.SendAsync(message);

                var unknown = new MimeMessage { Subject = "x" };
                unknown.From.Add(MailboxAddress.Parse("bob@example.test"));
                unknown.To.Add(MailboxAddress.Parse(server.Address("nobody-here")));
                unknown.Body = new TextPart("plain") { Text = "x" };
                var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => smtp.SendAsync(unknown));
                Assert.Equal(SmtpStatusCode.MailboxUnavailable, refused.StatusCode);
                await smtp.DisconnectAsync(quit: true);
            }

            foreach (var (user, password) in new[] { ("tasks", "s3cret"), ("alice", "wonder") })
            {
                using var imap = new ImapClient();
                await imap.ConnectAsync("127.0.0.1", imapPort, SecureSocketOptions.None);
                Assert.True(imap.Capabilities.HasFlag(ImapCapabilities.Idle));
                await imap.AuthenticateAsync(user, password);
                await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
                Assert.Equal(1, imap.Inbox.Count);
                var read = await imap.Inbox.GetMessageAsync(0);
                Assert.Equal("Printer on floor 3 is jammed", read.Subject);
                Assert.Equal("Пожалуйста, почините принтер.", read.TextBody?.Trim());
                await imap.DisconnectAsync(quit: true);
            }
        }

        Assert.False(LiveProcesses.IsRunning(dovecotPid));
        Assert.False(LiveProcesses.IsRunning(smtpPid));
        Assert.False(PortAllocator.IsInUse(imapPort));
        Assert.False(PortAllocator.IsInUse(smtpPort));
        Assert.Empty(LiveProcesses.Mentioning(dataDirectory));
    }
}
