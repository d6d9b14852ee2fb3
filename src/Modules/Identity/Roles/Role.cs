namespace Platform.Modules.Identity.Roles;

/// <summary>
/// A named group of members ("Accountants") that permissions and approval routes refer to.
/// Not to be confused with node roles (web, files, ...) or the organisation-admin flag.
/// </summary>
internal sealed class Role
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class RoleMember
{
    public Guid RoleId { get; set; }
    public Guid UserId { get; set; }
    public Guid OrganizationId { get; set; }
}
