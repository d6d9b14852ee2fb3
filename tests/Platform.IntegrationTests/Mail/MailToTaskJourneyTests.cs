using System.Net;
using System.Net.Http.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Mail;

/// <summary>The whole way round, on real servers: a mail becomes a task, a comment goes back by mail, the answer comes back as a comment.</summary>
public sealed class MailToTaskJourneyTests(MailApp app) : IClassFixture<MailApp>
{
    [Fact]
    public async Task A_mail_becomes_a_task_a_comment_by_email_threads_in_the_senders_mailbox_and_their_reply_becomes_a_comment()
    {
        var org = await app.CreateOrganizationAsync();
        var (box, boxPassword) = await app.NewMailboxAsync();
        var (carol, carolPassword) = await app.NewMailboxAsync();
        var integration = await Http.ReadAsync<IntegrationDto>(
            await org.Admin.Client.PostAsJsonAsync("/api/v1/mail/integrations", app.IntegrationRequest(box, boxPassword, org.Admin.Id)), HttpStatusCode.Created);
        var support = app.Mail.Address(box);
        var carolAddress = app.Mail.Address(carol);

        var first = MailApp.Message($"Carol <{carolAddress}>", support, "VPN is down", "Since this morning nobody can connect.\n\n-- \nCarol, Accounting");
        await app.SendAsync(first);
        var record = (await MailApp.EventuallyAsync(() => MailApi.MessagesAsync(org.Admin.Client, integration.Id),
            m => m.Any(r => r.Status == "task_created"), "the task to be created")).Single();
        Assert.NotNull(record.TaskId);
        var task = await org.Admin.Client.GetFromJsonAsync<TaskDto>($"/api/v1/tasks/{record.TaskId}");
        Assert.Equal("VPN is down", task!.Title);
        Assert.Contains("nobody can connect", task.Description);
        Assert.Equal(org.Admin.Id, task.AssigneeId);
        Assert.Equal(carolAddress, Assert.Single(task.Correspondents).Address);
        Assert.Equal(carolAddress, task.Comments[0].ExternalAuthor?.Address);

        // The admin answers "by e-mail": it reaches Carol's mailbox, threaded under her message.
        var answer = await Http.ReadAsync<CommentDto>(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments",
            new { text = "We are restarting the gateway.", sendByEmail = true }), HttpStatusCode.Created);
        Assert.True(answer.SentByEmail);
        using var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", app.Mail.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(carol, carolPassword);
        var received = await MailApp.EventuallyAsync(async () =>
        {
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
            return imap.Inbox.Count == 0 ? null : await imap.Inbox.GetMessageAsync(0);
        }, m => m is not null, "the answer in Carol's mailbox");
        Assert.Equal("Re: VPN is down", received!.Subject);
        Assert.Equal(first.MessageId, received.InReplyTo);
        Assert.Contains(first.MessageId, received.References);
        Assert.Contains("We are restarting the gateway.", received.TextBody);
        var replyTo = Assert.Single(received.ReplyTo.Mailboxes).Address;
        Assert.StartsWith(box + "+t", replyTo);
        Assert.Equal("auto-generated", received.Headers[HeaderId.AutoSubmitted]);

        // Carol answers from her client: quoted history and signature are cut off, the rest is a comment by her.
        var reply = MailApp.Message($"Carol <{carolAddress}>", replyTo, "Re: VPN is down",
            $"Works again, thank you!\n\nOn Mon, 7 Dec 2026 at 10:00, Support <{support}> wrote:\n> We are restarting the gateway.\n");
        reply.InReplyTo = received.MessageId;
        reply.References.Add(first.MessageId!);
        reply.References.Add(received.MessageId!);
        await app.SendAsync(reply);
        var withReply = await MailApp.EventuallyAsync(() => org.Admin.Client.GetFromJsonAsync<TaskDto>($"/api/v1/tasks/{task.Id}")!,
            t => t!.Comments.Any(c => c.Text == "Works again, thank you!"), "Carol's reply as a comment");
        var comment = withReply!.Comments.Single(c => c.Text == "Works again, thank you!");
        Assert.Equal(carolAddress, comment.ExternalAuthor?.Address);

        // Someone else replying into the thread is no correspondent of the task: refused and recorded, no comment.
        var stranger = MailApp.Message("mallory@example.test", replyTo, "Re: VPN is down", "Click my link");
        stranger.InReplyTo = received.MessageId;
        await app.SendAsync(stranger);
        var refused = await MailApp.EventuallyAsync(() => MailApi.MessagesAsync(org.Admin.Client, integration.Id),
            m => m.Any(r => r.Sender == "mallory@example.test" && r.Status == "refused"), "the stranger's reply refused");
        Assert.NotNull(refused.Single(r => r.Sender == "mallory@example.test").Reason);
        var final = await org.Admin.Client.GetFromJsonAsync<TaskDto>($"/api/v1/tasks/{task.Id}");
        Assert.DoesNotContain(final!.Comments, c => c.Text == "Click my link");
    }
}
