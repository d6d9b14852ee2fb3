namespace Platform.Modules.Tasks.Domain;

/// <summary>
/// A task. Its history is its comment stream: every change is recorded as a
/// <see cref="TaskComment"/> in the same unit of work, so nothing changes without a trace.
/// (Named WorkTask because Task is taken by System.Threading.Tasks.)
/// </summary>
internal sealed class WorkTask
{
    public const int MaxTitleLength = 500;
    public const int MaxDescriptionLength = 100_000;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Title { get; private set; } = null!;
    public string Description { get; private set; } = null!;
    public Guid AuthorId { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public DateTimeOffset? DueAt { get; private set; }
    public int? DurationMinutes { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>Incremented by every change; the ETag, and EF's concurrency token.</summary>
    public int Version { get; private set; }

    // Form tasks: the template version they pinned at creation, their values and route.
    public Guid? FormTemplateId { get; private set; }
    public int? FormVersion { get; private set; }
    public string? FormValues { get; private set; }
    public string? RouteState { get; private set; }
    public Guid[] PendingApproverIds { get; private set; } = [];

    public List<TaskParticipant> Participants { get; private set; } = [];
    public List<TaskComment> Comments { get; private set; } = [];

    /// <summary>
    /// People outside the organisation the task is discussed with by e-mail (a mail's external sender and Cc):
    /// their replies become comments, and a comment "sent by e-mail" goes to them. Never members: only addresses.
    /// </summary>
    public List<TaskCorrespondent> Correspondents { get; private set; } = [];

    private WorkTask() { }

    public Due? Due => DueDate is null && DueAt is null ? null : new Due(DueDate, DueAt, DurationMinutes);

    public bool IsClosed => ClosedAt is not null;

    public static WorkTask Create(Guid organizationId, Guid authorId, string title, string? description, Guid? assigneeId, DateTimeOffset now, Due? due = null) =>
        CreateWithId(Guid.CreateVersion7(now), organizationId, authorId, title, description, assigneeId, now, due);

    /// <summary>
    /// A new task whose id the caller chose: a task made from a received mail takes the message's id, so
    /// handling the message twice finds the task instead of making a second one.
    /// </summary>
    public static WorkTask CreateWithId(Guid id, Guid organizationId, Guid authorId, string title, string? description, Guid? assigneeId,
        DateTimeOffset now, Due? due = null)
    {
        var task = new WorkTask
        {
            Id = id,
            OrganizationId = organizationId,
            Title = title.Trim(),
            Description = description ?? string.Empty,
            AuthorId = authorId,
            AssigneeId = assigneeId,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        task.SetDue(due);
        task.AddParticipant(authorId);
        task.Comments.Add(TaskComment.Created(task, authorId, now));
        if (assigneeId is { } assignee)
        {
            task.AddParticipant(assignee);
            task.Comments.Add(TaskComment.Assigned(task, authorId, assignee, now));
        }
        return task;
    }

    /// <summary>The people who take part: author, responsible, approvers, people added or mentioned.</summary>
    public IReadOnlyList<Guid> ParticipantIds => Participants.Where(p => !p.IsSubscriber).Select(p => p.UserId).ToList();

    /// <summary>The people who follow the task without taking part in it.</summary>
    public IReadOnlyList<Guid> SubscriberIds => Participants.Where(p => p.IsSubscriber).Select(p => p.UserId).ToList();

    public bool IsParticipant(Guid userId) => Participants.Any(p => p.UserId == userId && !p.IsSubscriber);

    public bool IsSubscriber(Guid userId) => Participants.Any(p => p.UserId == userId && p.IsSubscriber);

    /// <summary>
    /// Adds subscribers (people who are neither participants nor subscribers yet) as one history
    /// entry. Unlike other changes the actor does not join the task: following a task is not taking
    /// part in it. Who may subscribe whom is the caller's check.
    /// </summary>
    public TaskComment Subscribe(Guid actorId, IReadOnlyList<Guid> userIds, DateTimeOffset now)
    {
        var changes = new List<FieldChange>();
        foreach (var user in userIds.Distinct().Where(u => !Participants.Any(p => p.UserId == u)))
        {
            Participants.Add(NewParticipant(user, subscriber: true));
            changes.Add(new FieldChange("subscribers", null, user.ToString()));
        }
        if (changes.Count == 0)
            throw new TaskRuleException(userIds.Count == 1 && IsParticipant(userIds[0])
                ? "Participants already follow the task: only people who do not take part can subscribe."
                : "Everyone given already takes part in or follows the task.");
        return Record(TaskComment.New(this, actorId, CommentKinds.Changed, null, now, changes), now);
    }

    /// <summary>Files given when the task is created, recorded on its "created" entry.</summary>
    public void AttachToCreated(IEnumerable<TaskAttachment> files) => Comments.First(c => c.Kind == CommentKinds.Created).Attach(files);

    /// <summary>Subscribers named when the task is created, recorded on its "created" entry; participants are left out.</summary>
    public void AddInitialSubscribers(IReadOnlyList<Guid> userIds)
    {
        var created = Comments.First(c => c.Kind == CommentKinds.Created);
        foreach (var user in userIds.Distinct().Where(u => !Participants.Any(p => p.UserId == u)))
        {
            Participants.Add(NewParticipant(user, subscriber: true));
            created.Changes.Add(new FieldChange("subscribers", null, user.ToString()));
        }
    }

    /// <summary>Participants named when the task is created (e.g. a mail's Cc members), recorded on its "created" entry.</summary>
    public void AddInitialParticipants(IReadOnlyList<Guid> userIds)
    {
        var created = Comments.First(c => c.Kind == CommentKinds.Created);
        foreach (var user in userIds.Distinct().Where(u => !IsParticipant(u)))
        {
            AddParticipant(user);
            created.Changes.Add(new FieldChange("participants", null, user.ToString()));
        }
    }

    /// <summary>
    /// Records that the task was created from a mail: who outside wrote it (null for a member, who is the author),
    /// the correspondents its e-mail conversation goes on with, and the list it was filed in.
    /// </summary>
    public void RecordCreatedFromMail(TaskCorrespondent? externalAuthor, IEnumerable<TaskCorrespondent> correspondents, Guid? listId)
    {
        var created = Comments.First(c => c.Kind == CommentKinds.Created);
        created.ExternalAuthor = externalAuthor;
        foreach (var correspondent in correspondents)
            if (FindCorrespondent(correspondent.Address) is null)
                Correspondents.Add(correspondent);
        if (listId is { } list)
            created.Changes.Add(new FieldChange("lists", null, list.ToString()));
    }

    /// <summary>The correspondent with this address; e-mail addresses are compared without case, as mail servers do in practice.</summary>
    public TaskCorrespondent? FindCorrespondent(string address) =>
        Correspondents.FirstOrDefault(c => string.Equals(c.Address, address.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Ends a subscription (the person's own or, by a participant, someone else's); one history entry.</summary>
    public TaskComment Unsubscribe(Guid actorId, Guid userId, DateTimeOffset now)
    {
        if (Participants.RemoveAll(p => p.UserId == userId && p.IsSubscriber) == 0)
            throw new TaskRuleException("This person does not follow the task.");
        return Record(TaskComment.New(this, actorId, CommentKinds.Changed, null, now, [new FieldChange("subscribers", userId.ToString(), null)]), now);
    }

    public TaskComment Comment(Guid authorId, string text, DateTimeOffset now) =>
        Apply(authorId, new TaskEdit { Text = text }, now);

    /// <summary>
    /// Applies an edit and records it as ONE history entry: the comment text (if any), every field
    /// change with its old and new value, participants added or removed, spent time.
    /// </summary>
    /// <remarks>
    /// Who may change the task is decided before this is called (the visibility query); someone
    /// who sees it through a list and acts on it joins it, like in Pyrus.
    /// </remarks>
    public TaskComment Apply(Guid actorId, TaskEdit edit, DateTimeOffset now)
    {
        if (IsClosed && edit.ChangesFields)
            throw new TaskRuleException("The task is closed: reopen it before changing its fields.");

        var changes = new List<FieldChange>();
        if (!IsParticipant(actorId))
        {
            AddParticipant(actorId);
            changes.Add(new FieldChange("participants", null, actorId.ToString()));
        }
        if (edit.Title.HasValue && edit.Title.Value.Trim() != Title)
        {
            changes.Add(new FieldChange("title", Title, edit.Title.Value.Trim()));
            Title = edit.Title.Value.Trim();
        }
        if (edit.Description.HasValue && edit.Description.Value != Description)
        {
            changes.Add(new FieldChange("description", null, null)); // long text: the change is noted, not copied
            Description = edit.Description.Value;
        }
        if (edit.AssigneeId.HasValue && edit.AssigneeId.Value != AssigneeId)
        {
            changes.Add(new FieldChange("assigneeId", AssigneeId?.ToString(), edit.AssigneeId.Value?.ToString()));
            AssigneeId = edit.AssigneeId.Value;
            if (AssigneeId is { } assignee)
                AddParticipant(assignee);
        }
        if (edit.Due.HasValue && edit.Due.Value != Due)
        {
            changes.Add(new FieldChange("due", Due?.ToString(), edit.Due.Value?.ToString()));
            SetDue(edit.Due.Value);
        }
        foreach (var added in edit.AddParticipants.Where(u => !IsParticipant(u)).Distinct())
        {
            AddParticipant(added);
            changes.Add(new FieldChange("participants", null, added.ToString()));
        }
        foreach (var removed in edit.RemoveParticipants.Distinct())
        {
            if (removed == AuthorId || removed == AssigneeId)
                throw new TaskRuleException("The author and the responsible person always take part in the task.");
            if (Participants.RemoveAll(p => p.UserId == removed && !p.IsSubscriber) > 0)
                changes.Add(new FieldChange("participants", removed.ToString(), null));
        }

        foreach (var (listId, added) in edit.Lists)
            changes.Add(new FieldChange("lists", added ? null : listId.ToString(), added ? listId.ToString() : null));

        if (changes.Count == 0 && string.IsNullOrWhiteSpace(edit.Text) && edit.SpentMinutes is null && edit.Attachments.Count == 0)
            throw new TaskRuleException("Nothing to change.");
        var kind = string.IsNullOrWhiteSpace(edit.Text) && edit.Attachments.Count == 0 ? CommentKinds.Changed : CommentKinds.Comment;
        var entry = TaskComment.New(this, actorId, kind, string.IsNullOrWhiteSpace(edit.Text) ? null : edit.Text, now, changes, edit.SpentMinutes,
            edit.Attachments, edit.EntryId);
        entry.ExternalAuthor = edit.ExternalAuthor;
        entry.SentByEmail = edit.SentByEmail;
        return Record(entry, now);
    }

    public TaskComment Close(Guid actorId, string? text, DateTimeOffset now)
    {
        if (IsClosed)
            throw new TaskRuleException("The task is already closed.");
        ClosedAt = now;
        return Record(TaskComment.New(this, actorId, CommentKinds.Closed, text, now), now);
    }

    public TaskComment Reopen(Guid actorId, string? text, DateTimeOffset now)
    {
        if (!IsClosed)
            throw new TaskRuleException("The task is open.");
        ClosedAt = null;
        return Record(TaskComment.New(this, actorId, CommentKinds.Reopened, text, now), now);
    }

    public bool IsFormTask => FormTemplateId is not null;

    /// <summary>Makes a new task a form task: values already validated, route already started.</summary>
    public void AttachForm(Guid templateId, int version, System.Text.Json.JsonElement values, Platform.Modules.Forms.Contracts.RouteResult route)
    {
        FormTemplateId = templateId;
        foreach (var participant in Participants)
            participant.FormTemplateId = templateId;
        FormVersion = version;
        FormValues = values.GetRawText();
        ApplyRoute(route);
    }

    /// <summary>New field values (validated by the caller for the current step) and the route they lead to.</summary>
    public TaskComment ChangeFields(Guid actorId, System.Text.Json.JsonElement values, Platform.Modules.Forms.Contracts.RouteResult route, string? text, DateTimeOffset now)
    {
        if (IsClosed)
            throw new TaskRuleException("The task is closed: reopen it before changing its fields.");
        var before = System.Text.Json.JsonDocument.Parse(FormValues!).RootElement;
        var changes = TaskFormJson.Diff(before, values).ToList();
        if (changes.Count == 0)
            throw new TaskRuleException("Nothing to change.");
        FormValues = values.GetRawText();
        JoinIfNeeded(actorId, changes);
        ApplyRoute(route);
        return Record(TaskComment.New(this, actorId, string.IsNullOrWhiteSpace(text) ? CommentKinds.Changed : CommentKinds.Comment, text, now, changes), now);
    }

    /// <summary>An approval decision the route engine accepted; a route that finished closes the task.</summary>
    public TaskComment Decide(Guid actorId, string kind, Platform.Modules.Forms.Contracts.RouteResult route, string? text, DateTimeOffset now)
    {
        var before = TaskFormJson.Deserialize(RouteState!);
        var changes = new List<FieldChange>();
        JoinIfNeeded(actorId, changes);
        if (before.CurrentStep != route.State.CurrentStep)
            changes.Add(new FieldChange("step", before.CurrentStep.ToString(System.Globalization.CultureInfo.InvariantCulture), route.State.CurrentStep.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (before.Status != route.State.Status)
            changes.Add(new FieldChange("route", before.Status, route.State.Status));
        ApplyRoute(route);
        if (route.State.IsClosed && !IsClosed)
            ClosedAt = now;
        else if (!route.State.IsClosed && IsClosed)
            ClosedAt = null; // re-requested after the route had finished
        return Record(TaskComment.New(this, actorId, kind, text, now, changes), now);
    }

    private void ApplyRoute(Platform.Modules.Forms.Contracts.RouteResult route)
    {
        RouteState = TaskFormJson.Serialize(route.State);
        var step = route.State.Step(route.State.CurrentStep);
        PendingApproverIds = route.State.IsClosed || step is null
            ? []
            : step.Approvers.Where(a => a.Decision == Platform.Modules.Forms.Contracts.Decisions.Pending).Select(a => a.UserId).ToArray();
        foreach (var person in route.CurrentApprovers.Concat(route.Participants))
            AddParticipant(person);
    }

    private void JoinIfNeeded(Guid actorId, List<FieldChange> changes)
    {
        if (IsParticipant(actorId))
            return;
        AddParticipant(actorId);
        changes.Add(new FieldChange("participants", null, actorId.ToString()));
    }

    private TaskComment Record(TaskComment entry, DateTimeOffset now)
    {
        Comments.Add(entry);
        UpdatedAt = now;
        foreach (var participant in Participants)
            participant.TaskUpdatedAt = now;
        Version++;
        return entry;
    }

    /// <summary>Someone who follows the task and now takes part in it stops being a subscriber (one row each).</summary>
    private void AddParticipant(Guid userId)
    {
        var existing = Participants.FirstOrDefault(p => p.UserId == userId);
        if (existing is null)
            Participants.Add(NewParticipant(userId, subscriber: false));
        else
            existing.IsSubscriber = false;
    }

    private TaskParticipant NewParticipant(Guid userId, bool subscriber) =>
        new(Id, OrganizationId, userId) { TaskUpdatedAt = UpdatedAt, FormTemplateId = FormTemplateId, IsSubscriber = subscriber };

    private void SetDue(Due? due)
    {
        DueDate = due?.Date;
        DueAt = due?.At;
        DurationMinutes = due?.At is null ? null : due.DurationMinutes;
    }
}

internal sealed class TaskParticipant(Guid taskId, Guid organizationId, Guid userId)
{
    public Guid TaskId { get; private set; } = taskId;
    public Guid OrganizationId { get; private set; } = organizationId;
    public Guid UserId { get; private set; } = userId;

    /// <summary>
    /// A copy of the task's UpdatedAt. "My tasks, newest activity first" then reads one index
    /// (organisation, user, this, task) in order and stops after a page, instead of sorting every
    /// task the user takes part in (measured at 100k tasks: bench/README.md).
    /// </summary>
    public DateTimeOffset TaskUpdatedAt { get; set; }

    /// <summary>
    /// A copy of the task's form template, for the same reason: a member's view of a form's
    /// register is then one walk of the index (organisation, user, form, activity) over their own
    /// rows of that form, not a key lookup of every task they can see (bench/README.md).
    /// </summary>
    public Guid? FormTemplateId { get; set; }

    /// <summary>
    /// A subscriber follows the task (sees it, gets its activity in the inbox and real-time events)
    /// without taking part. Kept in this table, not a table of its own, so that "my tasks" and the
    /// inbox stay one walk of the index above for both.
    /// </summary>
    public bool IsSubscriber { get; set; }
}

/// <summary>Per user and task: what they have read, dismissed ("done for now") or snoozed.</summary>
internal sealed class TaskUserState(Guid taskId, Guid organizationId, Guid userId)
{
    public Guid TaskId { get; private set; } = taskId;
    public Guid OrganizationId { get; private set; } = organizationId;
    public Guid UserId { get; private set; } = userId;
    public DateTimeOffset? LastReadAt { get; set; }
    public DateTimeOffset? DismissedAt { get; set; }
    public DateTimeOffset? SnoozedUntil { get; set; }
}
