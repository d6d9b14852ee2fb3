using Microsoft.EntityFrameworkCore;

namespace Platform.Modules.Identity.Data;

/// <summary>
/// Transaction-scoped PostgreSQL advisory locks per organisation, for invariants that span rows:
/// "the department tree has no cycle", "the organisation keeps an active admin". Two admins
/// acting at once (each moving a department under the other's, each blocking the other) are
/// serialised, so both checks see the other's committed change. Call inside a transaction.
/// </summary>
internal static class OrganizationLocks
{
    public const string Departments = "identity.departments";
    public const string Admins = "identity.admins";
    public const string Roles = "identity.roles";

    public static Task LockAsync(this IdentityDbContext db, string what, Guid organizationId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({what + ":" + organizationId.ToString("N")}, 0))", ct);
}
