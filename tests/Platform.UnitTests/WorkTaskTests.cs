using Platform.Modules.Tasks.Domain;

namespace Platform.UnitTests;

public sealed class WorkTaskTests
{
    private static readonly Guid Org = Guid.NewGuid();
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Assignee = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_task_records_its_creation_and_assignment_and_has_author_and_assignee_as_participants()
    {
        var task = WorkTask.Create(Org, Author, "  Title  ", null, Assignee, Now);
        Assert.Equal("Title", task.Title);
        Assert.Equal(string.Empty, task.Description);
        Assert.Equal([Author, Assignee], task.ParticipantIds);
        Assert.Equal([CommentKinds.Created, CommentKinds.Assigned], task.Comments.Select(c => c.Kind));
        Assert.Equal(Assignee.ToString(), task.Comments[1].Text);
        // Same change, same timestamp: the ordinal keeps "created" before "assigned".
        Assert.Equal([0, 1], task.Comments.Select(c => c.Ordinal));
        Assert.All(task.Comments, c => Assert.Equal(Org, c.OrganizationId));
    }

    [Fact]
    public void Assigning_to_yourself_does_not_duplicate_the_participant()
    {
        var task = WorkTask.Create(Org, Author, "T", null, Author, Now);
        Assert.Equal([Author], task.ParticipantIds);
        Assert.Equal(2, task.Comments.Count);
    }

    [Fact]
    public void A_comment_moves_the_task_forward_in_time()
    {
        var task = WorkTask.Create(Org, Author, "T", null, Assignee, Now);
        var comment = task.Comment(Assignee, "done", Now.AddMinutes(5));
        Assert.Equal(Now.AddMinutes(5), task.UpdatedAt);
        Assert.Equal(CommentKinds.Comment, comment.Kind);
        Assert.Equal(task.Id, comment.TaskId);
    }

    [Fact]
    public void Someone_allowed_to_see_the_task_who_comments_joins_it_and_that_is_recorded()
    {
        // Who may see the task is the visibility query's job (e.g. a list member); acting on it joins it.
        var task = WorkTask.Create(Org, Author, "T", null, null, Now);
        var listMember = Guid.NewGuid();
        var entry = task.Comment(listMember, "hi", Now);
        Assert.Contains(listMember, task.ParticipantIds);
        Assert.Equal(new FieldChange("participants", null, listMember.ToString()), Assert.Single(entry.Changes));
    }

    [Fact]
    public void A_subscriber_follows_without_taking_part_and_becomes_a_participant_when_assigned()
    {
        var follower = Guid.NewGuid();
        var task = WorkTask.Create(Org, Author, "T", null, null, Now);
        var entry = task.Subscribe(Author, [follower, Author], Now.AddMinutes(1));
        Assert.Equal([new FieldChange("subscribers", null, follower.ToString())], entry.Changes);
        Assert.Equal([Author], task.ParticipantIds);
        Assert.Equal([follower], task.SubscriberIds);
        Assert.Throws<TaskRuleException>(() => task.Subscribe(Author, [follower], Now.AddMinutes(2)));

        task.Apply(Author, new TaskEdit { AssigneeId = Optional<Guid?>.Of(follower) }, Now.AddMinutes(3));
        Assert.Equal([Author, follower], task.ParticipantIds);
        Assert.Empty(task.SubscriberIds);
        Assert.Single(task.Participants, p => p.UserId == follower);
        Assert.Throws<TaskRuleException>(() => task.Unsubscribe(follower, follower, Now.AddMinutes(4)));
    }
}
