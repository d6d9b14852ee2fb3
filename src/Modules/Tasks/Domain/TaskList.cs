namespace Platform.Modules.Tasks.Domain;

/// <summary>
/// A list (project) of tasks. Lists nest; a task can be in several. Members of a list see its
/// tasks (and may join them by commenting) without being participants of each one.
/// </summary>
internal sealed class TaskList
{
    public const int MaxNameLength = 200;
    public const int MaxDepth = 10;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; set; } = null!;
    public Guid? ParentId { get; set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public List<TaskListMember> Members { get; private set; } = [];

    private TaskList() { }

    public static TaskList Create(Guid organizationId, Guid createdBy, string name, Guid? parentId, DateTimeOffset now)
    {
        var list = new TaskList
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Name = name.Trim(),
            ParentId = parentId,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
        list.Members.Add(new TaskListMember(list.Id, organizationId, createdBy));
        return list;
    }
}

internal sealed class TaskListMember(Guid listId, Guid organizationId, Guid userId)
{
    public Guid ListId { get; private set; } = listId;
    public Guid OrganizationId { get; private set; } = organizationId;
    public Guid UserId { get; private set; } = userId;
}

/// <summary>A task's membership in a list.</summary>
internal sealed class TaskListItem(Guid listId, Guid taskId, Guid organizationId, DateTimeOffset addedAt)
{
    public Guid ListId { get; private set; } = listId;
    public Guid TaskId { get; private set; } = taskId;
    public Guid OrganizationId { get; private set; } = organizationId;
    public DateTimeOffset AddedAt { get; private set; } = addedAt;
}
