using System.Text.Json;
using Platform.Modules.Tasks.Domain;
using Platform.Modules.Tasks.EditTask;
using Platform.Modules.Tasks.Text;

namespace Platform.UnitTests;

public sealed class TaskEditTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static (TaskEdit Edit, bool Ok, string Errors) Parse(string json)
    {
        var (edit, errors) = TaskEditParser.Parse(JsonDocument.Parse(json).RootElement);
        var problem = errors.Any ? JsonSerializer.Serialize(errors.ToProblem().ProblemDetails.Errors) : "";
        return (edit, !errors.Any, problem);
    }

    [Fact]
    public void Absent_properties_stay_unset_and_null_clears()
    {
        var (edit, ok, _) = Parse("""{ "assigneeId": null, "dueDate": null }""");
        Assert.True(ok);
        Assert.False(edit.Title.HasValue);
        Assert.True(edit.AssigneeId.HasValue);
        Assert.Null(edit.AssigneeId.Value);
        Assert.True(edit.Due.HasValue);
        Assert.Null(edit.Due.Value);
    }

    [Theory]
    [InlineData("""{ "asignee": 1 }""", "asignee")]
    [InlineData("""{ "dueDate": "21.11.2026" }""", "dueDate")]
    [InlineData("""{ "dueDate": "2026-11-21", "dueAt": "2026-11-21T10:00:00Z" }""", "dueDate")]
    [InlineData("""{ "durationMinutes": 30 }""", "durationMinutes")]
    [InlineData("""{ "assigneeId": "not-a-guid" }""", "assigneeId")]
    [InlineData("""{ "title": "  " }""", "title")]
    public void Mistakes_are_reported_against_their_field(string json, string field)
    {
        var (_, ok, errors) = Parse(json);
        Assert.False(ok);
        Assert.Contains($"\"{field}\"", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_due_moment_is_kept_in_utc_with_its_duration()
    {
        var (edit, ok, _) = Parse("""{ "dueAt": "2026-12-11T09:00:00+03:00", "durationMinutes": 45 }""");
        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 6, 0, 0, TimeSpan.Zero), edit.Due.Value!.At);
        Assert.Equal(TimeSpan.Zero, edit.Due.Value.At!.Value.Offset);
        Assert.Equal(45, edit.Due.Value.DurationMinutes);
    }

    [Fact]
    public void Apply_records_every_change_in_one_entry_and_bumps_the_version_once()
    {
        var author = Guid.NewGuid();
        var assignee = Guid.NewGuid();
        var task = WorkTask.Create(Guid.NewGuid(), author, "Old", null, null, Now);
        var entry = task.Apply(author, new TaskEdit
        {
            Title = Optional<string>.Of("New"),
            AssigneeId = Optional<Guid?>.Of(assignee),
            Due = Optional<Due?>.Of(new Due(new DateOnly(2026, 12, 1), null, null)),
        }, Now.AddMinutes(1));

        Assert.Equal(CommentKinds.Changed, entry.Kind);
        Assert.Equal(["title", "assigneeId", "due"], entry.Changes.Select(c => c.Field));
        Assert.Equal(new FieldChange("title", "Old", "New"), entry.Changes[0]);
        Assert.Equal(2, task.Version);
        Assert.Contains(assignee, task.ParticipantIds);
    }

    [Fact]
    public void A_closed_task_takes_comments_but_not_field_changes()
    {
        var author = Guid.NewGuid();
        var task = WorkTask.Create(Guid.NewGuid(), author, "T", null, null, Now);
        task.Close(author, null, Now);
        Assert.Throws<TaskRuleException>(() => task.Apply(author, new TaskEdit { Title = Optional<string>.Of("X") }, Now));
        Assert.Equal(CommentKinds.Comment, task.Comment(author, "still talking", Now).Kind);
        Assert.Throws<TaskRuleException>(() => task.Close(author, null, Now));
        task.Reopen(author, null, Now);
        Assert.False(task.IsClosed);
    }

    [Fact]
    public void Mentions_are_found_once_each_and_malformed_ones_ignored()
    {
        var id = Guid.NewGuid();
        var text = $"@[Ann](user:{id}) and again @[A](user:{id}); @[Bob](user:not-a-guid) @plain";
        Assert.Equal([id], Mentions.Find(text));
        Assert.Empty(Mentions.Find(null));
    }

    [Fact]
    public void Markdown_escapes_html_and_neutralises_script_links()
    {
        var html = SafeMarkdown.ToHtml("<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](/tasks/1) <https://ok.test>");
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"/tasks/1\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://ok.test\"", html, StringComparison.Ordinal);
    }
}
