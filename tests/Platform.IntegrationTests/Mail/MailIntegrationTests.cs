using System.Net;
using System.Net.Http.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using Npgsql;
using Platform.IntegrationTests.Infrastructure;
using Platform.LocalResources;

namespace Platform.IntegrationTests.Mail;

public sealed class MailIntegrationTests(MailApp app) : IClassFixture<MailApp>
{
    [Fact]
    public async Task An_integration_keeps_its_password_encrypted_never_shows_it_and_only_admins_manage_it()
    {
        var org = await app.CreateOrganizationAsync();
        var (user, password) = await app.NewMailboxAsync();
        var created = await Http.ReadAsync<IntegrationDto>(
            await org.Admin.Client.PostAsJsonAsync("/api/v1/mail/integrations", app.IntegrationRequest(user, password, org.Admin.Id)), HttpStatusCode.Created);
        Assert.True(created.Imap.HasPassword);
        Assert.Equal(app.Mail.Address(user), created.Address);

        var raw = await org.Admin.Client.GetStringAsync($"/api/v1/mail/integrations/{created.Id}");
        Assert.DoesNotContain(password, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("protectedPassword", raw, StringComparison.OrdinalIgnoreCase);
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT imap::text FROM mail.integrations WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", created.Id);
            var stored = (string)(await command.ExecuteScalarAsync())!;
            Assert.Contains(user, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(password, stored, StringComparison.Ordinal);
        }

        // An update without a password keeps the stored one (the reader still logs in: the test connection passes).
        var renamed = await Http.ReadAsync<IntegrationDto>(await org.Admin.Client.PutAsJsonAsync($"/api/v1/mail/integrations/{created.Id}",
            app.IntegrationRequest(user, password: "", org.Admin.Id, name: "Renamed")), HttpStatusCode.OK);
        Assert.Equal("Renamed", renamed.Name);
        var test = await Http.ReadAsync<ConnectionTestDto>(await org.Admin.Client.PostAsync($"/api/v1/mail/integrations/{created.Id}/test", null), HttpStatusCode.OK);
        Assert.True(test.Ok, test.Detail);

        var member = await org.AddMemberAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.GetAsync("/api/v1/mail/integrations")).StatusCode);
        var other = await app.CreateOrganizationAsync();
        await Http.ProblemAsync(await other.Admin.Client.GetAsync($"/api/v1/mail/integrations/{created.Id}"), HttpStatusCode.NotFound);
        Assert.Empty((await other.Admin.Client.GetFromJsonAsync<List<IntegrationDto>>("/api/v1/mail/integrations"))!);
    }

    [Fact]
    public async Task Invalid_integrations_are_refused_field_by_field()
    {
        var org = await app.CreateOrganizationAsync();
        var response = await org.Admin.Client.PostAsJsonAsync("/api/v1/mail/integrations", new
        {
            name = "",
            imap = new { host = "mail example", port = 70000, security = "ssl3", user = "", password = "" },
            address = "not an address",
            processedAction = "move",
            responsibleId = Guid.NewGuid(),
            senderPolicy = "everyone",
        });
        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "name", "imap.host", "imap.port", "imap.security", "imap.user", "imap.password", "address", "processedFolder", "responsibleId", "senderPolicy" })
            Assert.NotEmpty(Http.FieldErrors(problem, field));
    }

    [Fact]
    public async Task Test_connection_names_the_step_that_failed()
    {
        var org = await app.CreateOrganizationAsync();
        var (user, password) = await app.NewMailboxAsync();

        async Task<ConnectionTestDto> TestAsync(object request) =>
            await Http.ReadAsync<ConnectionTestDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/mail/integrations/test", request), HttpStatusCode.OK);

        var ok = await TestAsync(app.IntegrationRequest(user, password, org.Admin.Id));
        Assert.True(ok.Ok, ok.Detail);
        Assert.True(ok.IdleSupported);
        Assert.Equal("imap.login", (await TestAsync(app.IntegrationRequest(user, "wrong", org.Admin.Id))).FailedStage);
        Assert.Equal("imap.folder", (await TestAsync(app.IntegrationRequest(user, password, org.Admin.Id, folder: "No such folder"))).FailedStage);
        Assert.Equal("imap.tcp", (await TestAsync(app.IntegrationRequest(user, password, org.Admin.Id, imapPort: PortAllocator.GetFreeTcpPort()))).FailedStage);
        Assert.Equal("imap.dns", (await TestAsync(app.IntegrationRequest(user, password, org.Admin.Id, host: "no-such-host.invalid"))).FailedStage);
    }

    [Fact]
    public async Task The_reader_records_every_message_once_ignores_auto_replies_and_marks_what_it_took_as_seen()
    {
        var org = await app.CreateOrganizationAsync();
        var (user, password) = await app.NewMailboxAsync();
        var integration = await Http.ReadAsync<IntegrationDto>(
            await org.Admin.Client.PostAsJsonAsync("/api/v1/mail/integrations", app.IntegrationRequest(user, password, org.Admin.Id)), HttpStatusCode.Created);
        var to = app.Mail.Address(user);

        var first = MailApp.Message("carol@example.test", to, "The printer is jammed", "Please help.");
        await app.SendAsync(first);
        // The same message again (a client that sent it twice): recorded, not handed on a second time.
        await app.SendAsync(MailApp.Message("carol@example.test", to, "The printer is jammed", "Please help.", first.MessageId));
        var outOfOffice = MailApp.Message("dave@example.test", to, "Out of office", "I am away until Monday.");
        outOfOffice.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        await app.SendAsync(outOfOffice);
        var bounce = MailApp.Message("MAILER-DAEMON@example.test", to, "Undelivered Mail Returned to Sender", "…");
        await app.SendAsync(bounce);
        var tooLarge = MailApp.Message("erin@example.test", to, "A big one", new string('x', 300_000));
        await app.SendAsync(tooLarge);

        var messages = await MailApp.EventuallyAsync(() => MailApi.MessagesAsync(org.Admin.Client, integration.Id), m => m.Count == 5, "five records");
        var byUid = messages.OrderBy(m => m.Uid).ToList();
        Assert.Equal(first.MessageId, byUid[0].MessageId);
        Assert.True(byUid[0].Status is "delivered" or "task_created", byUid[0].Status);
        Assert.Equal("duplicate", byUid[1].Status);
        Assert.Equal("ignored", byUid[2].Status);
        Assert.Contains("Auto-Submitted", byUid[2].Reason);
        Assert.Equal("ignored", byUid[3].Status);
        Assert.Equal("failed", byUid[4].Status);
        Assert.Contains("over the limit", byUid[4].Reason);
        Assert.Equal(5, (await org.Admin.Client.GetFromJsonAsync<IntegrationDto>($"/api/v1/mail/integrations/{integration.Id}"))!.Reader.LastUid);

        // What was taken is \Seen; what was only recorded (ignored, failed) stays unread for a person to look at.
        using var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", app.Mail.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(user, password);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var flags = (await imap.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags)).OrderBy(s => s.UniqueId.Id).ToList();
        Assert.Equal(5, flags.Count);
        Assert.True(flags[0].Flags!.Value.HasFlag(MessageFlags.Seen));
        Assert.True(flags[1].Flags!.Value.HasFlag(MessageFlags.Seen));
        Assert.False(flags[2].Flags!.Value.HasFlag(MessageFlags.Seen));
        Assert.False(flags[4].Flags!.Value.HasFlag(MessageFlags.Seen));
    }

    [Fact]
    public async Task A_mailbox_the_reader_cannot_log_in_to_shows_the_error_on_the_integration()
    {
        var org = await app.CreateOrganizationAsync();
        var (user, _) = await app.NewMailboxAsync();
        var integration = await Http.ReadAsync<IntegrationDto>(
            await org.Admin.Client.PostAsJsonAsync("/api/v1/mail/integrations", app.IntegrationRequest(user, "not-the-password", org.Admin.Id)), HttpStatusCode.Created);
        var seen = await MailApp.EventuallyAsync(
            () => org.Admin.Client.GetFromJsonAsync<IntegrationDto>($"/api/v1/mail/integrations/{integration.Id}")!,
            i => i!.Reader.LastError is not null, "the reader's error");
        Assert.StartsWith("login:", seen!.Reader.LastError);
        Assert.DoesNotContain("not-the-password", seen.Reader.LastError);
    }
}
