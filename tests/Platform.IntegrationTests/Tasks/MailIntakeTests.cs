using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Mail.Contracts;
using Platform.Modules.Tasks.Contracts;
using static Platform.IntegrationTests.Tasks.MailIntakeProbe;

namespace Platform.IntegrationTests.Tasks;

/// <summary>Tasks turns a mailbox's messages into tasks and comments (issue #12), and comments into e-mail.</summary>
public sealed class MailIntakeTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly MailIntakeProbe probe = new(app);

    [Fact]
    public async Task A_mail_from_a_member_becomes_their_task_for_the_responsible_with_Cc_members_taking_part_and_outsiders_as_correspondents()
    {
        var org = await app.CreateOrganizationAsync();
        var responsible = await org.AddMemberAsync("Rita");
        var sender = await org.AddMemberAsync("Sam");
        var copied = await org.AddMemberAsync("Cora");
        var watcher = await org.AddMemberAsync("Will");
        var mail = Received(org.Id, responsible.Id, new MailCorrespondent(sender.Email.ToUpperInvariant(), "Sam"),
            cc: [new MailCorrespondent(copied.Email, "Cora"), new MailCorrespondent("carol@outside.test", "Carol")],
            participantIds: [watcher.Id], subject: "  Printer on the 3rd floor\0 jams\r\n again ", text: "It jams on every page.\0");

        var handled = await probe.ReceiveAsync(mail);

        Assert.Equal(MailOutcomes.TaskCreated, handled.GetProperty("outcome").GetString());
        Assert.Equal(mail.MessageId, handled.GetProperty("taskId").GetGuid());
        var task = await TaskAsync(responsible, mail.MessageId);
        Assert.Equal("Printer on the 3rd floor jams   again", task.Title);
        Assert.Equal("It jams on every page.", task.Description);
        Assert.Equal(sender.Id, task.AuthorId);
        Assert.Equal(responsible.Id, task.AssigneeId);
        Assert.Equal(new[] { sender.Id, responsible.Id, copied.Id, watcher.Id }.Order(), task.ParticipantIds.Order());
        Assert.Equal([new CorrespondentDto("carol@outside.test", "Carol")], task.Correspondents);
        Assert.Null(task.Comments.Single(c => c.Kind == "created").ExternalAuthor);
        // Realtime hears of it as of any task.
        Assert.Single(await probe.OutboxAsync<TaskCreated>("taskId", task.Id));
    }

    [Fact]
    public async Task Under_anyone_a_strangers_mail_is_filed_under_the_responsible_and_written_by_the_stranger_who_becomes_a_correspondent()
    {
        var org = await app.CreateOrganizationAsync();
        var responsible = await org.AddMemberAsync();
        var mail = Received(org.Id, responsible.Id, new MailCorrespondent("dave@outside.test", "Dave"), MailSenderPolicies.Anyone,
            cc: [new MailCorrespondent("Erin@Outside.test", null), new MailCorrespondent("DAVE@outside.test", "Dave again")], subject: " ");

        var handled = await probe.ReceiveAsync(mail);

        Assert.Equal(MailOutcomes.TaskCreated, handled.GetProperty("outcome").GetString());
        var task = await TaskAsync(responsible, mail.MessageId);
        Assert.Equal("(no subject)", task.Title);
        Assert.Equal(responsible.Id, task.AuthorId);
        Assert.Equal(responsible.Id, task.AssigneeId);
        Assert.Equal(new CorrespondentDto("dave@outside.test", "Dave"), task.Comments.Single(c => c.Kind == "created").ExternalAuthor);
        Assert.Equal([new CorrespondentDto("dave@outside.test", "Dave"), new CorrespondentDto("Erin@Outside.test", null)], task.Correspondents);
    }

    [Fact]
    public async Task Under_members_a_strangers_mail_is_refused_and_creates_nothing()
    {
        var org = await app.CreateOrganizationAsync();
        var responsible = await org.AddMemberAsync();
        var mail = Received(org.Id, responsible.Id, new MailCorrespondent("spam@outside.test", "Spammer"), MailSenderPolicies.Members);

        var handled = await probe.ReceiveAsync(mail);

        Assert.Equal(MailOutcomes.Refused, handled.GetProperty("outcome").GetString());
        Assert.Equal("spam@outside.test is not a member of the organisation.", handled.GetProperty("reason").GetString());
        // Stored in the same transaction as a task would have been: none is there, and none will come.
        Assert.Equal(0, await probe.CountAsync("SELECT count(*) FROM tasks.tasks WHERE id = @id", mail.MessageId));
        Assert.Empty(await probe.OutboxAsync<TaskCreated>("taskId", mail.MessageId));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_makes_one_task_and_is_reported_once()
    {
        var org = await app.CreateOrganizationAsync();
        var responsible = await org.AddMemberAsync();
        var mail = Received(org.Id, responsible.Id, new MailCorrespondent(org.Admin.Email, "Admin"));
        var deliveries = new ConsumedMail(mail.MessageId);
        var observing = app.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries);
        try
        {
            await probe.ReceiveAsync(mail);
            await probe.PublishAsync(mail); // a redelivery, as after a lost ack
            await EventuallyAsync(() => Task.FromResult(deliveries.Consumed + deliveries.Faulted >= 2 ? "done" : null), "the second delivery consumed");
        }
        finally
        {
            observing.Disconnect();
        }

        Assert.Equal(0, deliveries.Faulted);
        Assert.Single(await probe.OutboxAsync<MailMessageHandled>("messageId", mail.MessageId));
        Assert.Single(await probe.OutboxAsync<TaskCreated>("taskId", mail.MessageId));
        Assert.Single((await TaskAsync(responsible, mail.MessageId)).Comments, c => c.Kind == "created");
    }

    [Fact]
    public async Task A_reply_by_the_correspondent_is_a_comment_written_by_them_even_on_a_closed_task_which_stays_closed()
    {
        var (org, responsible, taskId) = await TaskFromStrangerAsync();
        await Http.EnsureStatusAsync(await responsible.Client.PostAsJsonAsync($"/api/v1/tasks/{taskId}/close", new { }), HttpStatusCode.Created);
        var reply = Received(org.Id, responsible.Id, new MailCorrespondent("DAVE@Outside.test", "Dave D."), taskId: taskId, text: "Still broken.");

        var handled = await probe.ReceiveAsync(reply);

        Assert.Equal(MailOutcomes.Commented, handled.GetProperty("outcome").GetString());
        Assert.Equal(taskId, handled.GetProperty("taskId").GetGuid());
        var task = await TaskAsync(responsible, taskId);
        var comment = task.Comments.Single(c => c.Id == reply.MessageId);
        Assert.Equal("comment", comment.Kind);
        Assert.Equal("Still broken.", comment.Text);
        Assert.Equal(responsible.Id, comment.AuthorId);
        Assert.Equal(new CorrespondentDto("dave@outside.test", "Dave D."), comment.ExternalAuthor);
        Assert.NotNull(task.ClosedAt);
        Assert.Single(await probe.OutboxAsync<TaskCommented>("commentId", reply.MessageId));

        // Redelivered: nothing more.
        await probe.PublishAsync(reply);
        var again = Received(org.Id, responsible.Id, new MailCorrespondent("dave@outside.test", null), taskId: taskId, text: "And now?");
        await probe.ReceiveAsync(again);
        Assert.Single((await TaskAsync(responsible, taskId)).Comments, c => c.Id == reply.MessageId);
    }

    [Fact]
    public async Task A_reply_by_a_stranger_is_refused_even_with_the_correspondent_in_Cc()
    {
        var (org, responsible, taskId) = await TaskFromStrangerAsync();
        var before = (await TaskAsync(responsible, taskId)).Comments.Count;
        var reply = Received(org.Id, responsible.Id, new MailCorrespondent("mallory@outside.test", "Mallory"), MailSenderPolicies.Anyone,
            taskId: taskId, cc: [new MailCorrespondent("dave@outside.test", "Dave")]);

        var handled = await probe.ReceiveAsync(reply);

        Assert.Equal(MailOutcomes.Refused, handled.GetProperty("outcome").GetString());
        Assert.Contains("nor a correspondent of this task", handled.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await TaskAsync(responsible, taskId)).Comments.Count);
        Assert.Empty(await probe.OutboxAsync<TaskCommented>("commentId", reply.MessageId));
    }

    [Fact]
    public async Task A_reply_by_a_member_is_their_comment_if_they_may_see_the_task_and_a_reply_to_a_missing_task_is_refused()
    {
        var (org, responsible, taskId) = await TaskFromStrangerAsync();
        var stranger = await org.AddMemberAsync();

        var byResponsible = Received(org.Id, responsible.Id, new MailCorrespondent(responsible.Email, null), taskId: taskId, text: "Looking into it.");
        Assert.Equal(MailOutcomes.Commented, (await probe.ReceiveAsync(byResponsible)).GetProperty("outcome").GetString());
        var comment = (await TaskAsync(responsible, taskId)).Comments.Single(c => c.Id == byResponsible.MessageId);
        Assert.Equal(responsible.Id, comment.AuthorId);
        Assert.Null(comment.ExternalAuthor);

        var byOther = await probe.ReceiveAsync(Received(org.Id, responsible.Id, new MailCorrespondent(stranger.Email, null), taskId: taskId));
        Assert.Equal(MailOutcomes.Refused, byOther.GetProperty("outcome").GetString());
        Assert.Contains("may not see this task", byOther.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var gone = await probe.ReceiveAsync(Received(org.Id, responsible.Id, new MailCorrespondent(responsible.Email, null), taskId: Guid.NewGuid()));
        Assert.Equal(MailOutcomes.Refused, gone.GetProperty("outcome").GetString());
        Assert.Equal("the task no longer exists.", gone.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_mail_for_a_list_files_the_task_there_and_a_deleted_list_is_reported_with_the_task_created_anyway()
    {
        var org = await app.CreateOrganizationAsync();
        var responsible = await org.AddMemberAsync();
        var list = await Http.ReadAsync<System.Text.Json.JsonElement>(
            await responsible.Client.PostAsJsonAsync("/api/v1/lists", new { name = "Support" }), HttpStatusCode.Created);
        var listId = list.GetProperty("id").GetGuid();

        var filed = Received(org.Id, responsible.Id, new MailCorrespondent(org.Admin.Email, null), listId: listId);
        Assert.Null((await probe.ReceiveAsync(filed)).GetProperty("reason").GetString());
        Assert.Equal([listId], (await TaskAsync(responsible, filed.MessageId)).ListIds);

        var unknown = Received(org.Id, responsible.Id, new MailCorrespondent(org.Admin.Email, null), listId: Guid.NewGuid());
        var handled = await probe.ReceiveAsync(unknown);
        Assert.Equal(MailOutcomes.TaskCreated, handled.GetProperty("outcome").GetString());
        Assert.Contains("no longer exists", handled.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty((await TaskAsync(responsible, unknown.MessageId)).ListIds);
    }

    [Fact]
    public async Task Sending_a_comment_by_email_needs_correspondents()
    {
        var org = await app.CreateOrganizationAsync();
        var task = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "No mail here" }), HttpStatusCode.Created);

        var response = await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{task.Id}/comments", new { text = "Hello?", sendByEmail = true });

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["the task has no e-mail correspondents."], Http.FieldErrors(problem, "sendByEmail"));
        Assert.DoesNotContain((await TaskAsync(org.Admin, task.Id)).Comments, c => c.Kind == "comment");
    }

    [Fact]
    public async Task A_comment_sent_by_email_is_marked_sent_and_requests_the_mail_to_the_correspondents_in_its_transaction()
    {
        var (_, responsible, taskId) = await TaskFromStrangerAsync();

        var comment = await Http.ReadAsync<CommentDto>(await responsible.Client.PostAsJsonAsync($"/api/v1/tasks/{taskId}/comments",
            new { text = "We replaced the drum.", sendByEmail = true }), HttpStatusCode.Created);
        var plain = await Http.ReadAsync<CommentDto>(await responsible.Client.PostAsJsonAsync($"/api/v1/tasks/{taskId}/comments",
            new { text = "Internal note" }), HttpStatusCode.Created);

        Assert.True(comment.SentByEmail);
        Assert.False(plain.SentByEmail);
        Assert.True((await TaskAsync(responsible, taskId)).Comments.Single(c => c.Id == comment.Id).SentByEmail);
        var request = Assert.Single(await probe.OutboxAsync<TaskMailRequested>("commentId", comment.Id));
        Assert.Equal(taskId, request.GetProperty("taskId").GetGuid());
        Assert.Equal("We replaced the drum.", request.GetProperty("text").GetString());
        Assert.Equal("Rita", request.GetProperty("authorName").GetString());
        Assert.Equal("Broken printer", request.GetProperty("taskTitle").GetString());
        Assert.Equal(["dave@outside.test", "erin@outside.test"],
            request.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("address").GetString()!).ToArray());
        Assert.Empty(await probe.OutboxAsync<TaskMailRequested>("commentId", plain.Id));
    }

    /// <summary>A task made from Dave's mail (Erin in Cc) under <c>anyone</c>, for Rita, the mailbox's responsible.</summary>
    private async Task<(TestOrganization Org, TestUser Responsible, Guid TaskId)> TaskFromStrangerAsync()
    {
        var org = await app.CreateOrganizationAsync();
        var responsible = await org.AddMemberAsync("Rita");
        var mail = Received(org.Id, responsible.Id, new MailCorrespondent("dave@outside.test", "Dave"), MailSenderPolicies.Anyone,
            cc: [new MailCorrespondent("erin@outside.test", "Erin")], subject: "Broken printer");
        Assert.Equal(MailOutcomes.TaskCreated, (await probe.ReceiveAsync(mail)).GetProperty("outcome").GetString());
        return (org, responsible, mail.MessageId);
    }
}
