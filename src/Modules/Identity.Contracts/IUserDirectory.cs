namespace Platform.Modules.Identity.Contracts;

public sealed record UserSummary(Guid Id, Guid OrganizationId, string Email, string DisplayName);

/// <summary>
/// Read-only lookups of organisation members for other modules. Every call is scoped to one
/// organisation: a user id from another organisation is simply not found.
/// </summary>
public interface IUserDirectory
{
    Task<UserSummary?> FindAsync(Guid organizationId, Guid userId, CancellationToken ct);

    Task<IReadOnlyList<UserSummary>> FindManyAsync(Guid organizationId, IReadOnlyCollection<Guid> userIds, CancellationToken ct);
}
