namespace Platform.Modules.Identity.Departments;

/// <summary>A node of an organisation's department tree. A user may belong to several.</summary>
internal sealed class Department
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = string.Empty;
    /// <summary>null for a top-level department.</summary>
    public Guid? ParentId { get; set; }
    public Guid? HeadUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class DepartmentMember
{
    public Guid DepartmentId { get; set; }
    public Guid UserId { get; set; }
    public Guid OrganizationId { get; set; }
}
