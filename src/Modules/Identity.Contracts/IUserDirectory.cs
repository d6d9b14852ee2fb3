namespace Platform.Modules.Identity.Contracts;

public sealed record UserSummary(Guid Id, Guid OrganizationId, string Email, string DisplayName)
{
    /// <summary>A technical account for integrations. Bots have no e-mail: <see cref="Email"/> is empty.</summary>
    public bool IsBot { get; init; }

    /// <summary>A blocked member cannot sign in or act; still listed so that history shows who they were.</summary>
    public bool IsBlocked { get; init; }
}

/// <summary>
/// Read-only lookups of organisation members for other modules. Every call is scoped to one
/// organisation: an id (user, role, department) or e-mail from another organisation is simply
/// not found, and its members are never returned.
/// </summary>
public interface IUserDirectory
{
    Task<UserSummary?> FindAsync(Guid organizationId, Guid userId, CancellationToken ct);

    Task<IReadOnlyList<UserSummary>> FindManyAsync(Guid organizationId, IReadOnlyCollection<Guid> userIds, CancellationToken ct);

    /// <summary>
    /// The members of a role (e.g. "Accountants"), blocked ones included (check
    /// <see cref="UserSummary.IsBlocked"/> through <see cref="FindManyAsync"/> when it matters).
    /// Empty when the role does not exist in the organisation.
    /// </summary>
    Task<IReadOnlyList<Guid>> GetRoleMembersAsync(Guid organizationId, Guid roleId, CancellationToken ct);

    /// <summary>
    /// The ids among <paramref name="roleIds"/> that are roles of the organisation (for checking
    /// references, e.g. a form route's step roles); unknown ids and other organisations' roles are left out.
    /// </summary>
    Task<IReadOnlyList<Guid>> FindRolesAsync(Guid organizationId, IReadOnlyCollection<Guid> roleIds, CancellationToken ct);

    /// <summary>
    /// The direct members of a department (not those of its sub-departments), blocked ones
    /// included. Empty when the department does not exist in the organisation.
    /// </summary>
    Task<IReadOnlyList<Guid>> GetDepartmentMembersAsync(Guid organizationId, Guid departmentId, CancellationToken ct);

    /// <summary>The ids of the roles a user belongs to; empty for a user of another organisation.</summary>
    Task<IReadOnlyList<Guid>> GetRolesOfUserAsync(Guid organizationId, Guid userId, CancellationToken ct);

    /// <summary>
    /// Members by e-mail address (case-insensitive), e.g. for @mentions written as e-mail
    /// addresses. Addresses that match no member of the organisation are left out.
    /// </summary>
    Task<IReadOnlyList<UserSummary>> FindByEmailsAsync(Guid organizationId, IReadOnlyCollection<string> emails, CancellationToken ct);
}
