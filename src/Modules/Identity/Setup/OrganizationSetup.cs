using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Setup;

public sealed record NewOrganization(string OrganizationName, string AdminEmail, string AdminDisplayName, string AdminPassword);

public sealed record CreatedOrganization(Guid OrganizationId, Guid AdminUserId);

/// <summary>The outcome of creating an organisation: either ids, or field errors.</summary>
public sealed record OrganizationSetupResult(CreatedOrganization? Created, IReadOnlyDictionary<string, string[]> Errors, bool AlreadySetUp)
{
    public bool Succeeded => Created is not null;
}

/// <summary>
/// Creates an organisation together with its first administrator, atomically: if the password
/// is rejected, no organisation is left behind. Used by the first-run page and the CLI.
/// </summary>
public sealed class OrganizationSetup
{
    // Serialises first-run attempts across nodes so two browsers cannot both "set up" the instance.
    private const long FirstRunLockKey = 0x504C41545345545F;

    private readonly IdentityDbContext _db;
    private readonly UserManager<PlatformUser> _users;

    internal OrganizationSetup(IdentityDbContext db, UserManager<PlatformUser> users)
    {
        _db = db;
        _users = users;
    }

    public async Task<bool> IsSetupRequiredAsync(CancellationToken ct) => !await _db.Organizations.AnyAsync(ct);

    /// <param name="onlyIfFirst">true for the first-run page: fails when any organisation exists.</param>
    public async Task<OrganizationSetupResult> CreateAsync(NewOrganization request, bool onlyIfFirst, CancellationToken ct)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
            return new OrganizationSetupResult(null, errors, false);

        await using var transaction = await _db.Database.BeginTransactionAsync(ct);
        if (onlyIfFirst)
        {
            await _db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({FirstRunLockKey})", ct);
            if (await _db.Organizations.AnyAsync(ct))
                return new OrganizationSetupResult(null, new Dictionary<string, string[]>(), true);
        }

        var organization = new Organization
        {
            Id = Guid.CreateVersion7(),
            Name = request.OrganizationName.Trim(),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        _db.Organizations.Add(organization);
        await _db.SaveChangesAsync(ct);

        var admin = PlatformUser.Create(organization.Id, request.AdminEmail.Trim(), request.AdminDisplayName, isAdmin: true);
        var created = await _users.CreateAsync(admin, request.AdminPassword);
        if (!created.Succeeded)
            return new OrganizationSetupResult(null, IdentityErrors.ToFieldErrors(created, passwordField: "adminPassword", emailField: "adminEmail"), false);

        await transaction.CommitAsync(ct);
        return new OrganizationSetupResult(new CreatedOrganization(organization.Id, admin.Id), new Dictionary<string, string[]>(), false);
    }

    private static Dictionary<string, string[]> Validate(NewOrganization request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.OrganizationName) || request.OrganizationName.Length > 200)
            errors["organizationName"] = ["is required (at most 200 characters)."];
        if (string.IsNullOrWhiteSpace(request.AdminDisplayName) || request.AdminDisplayName.Length > 200)
            errors["adminDisplayName"] = ["is required (at most 200 characters)."];
        if (string.IsNullOrWhiteSpace(request.AdminEmail) || request.AdminEmail.Length > 256)
            errors["adminEmail"] = ["is required (at most 256 characters)."];
        if (string.IsNullOrEmpty(request.AdminPassword))
            errors["adminPassword"] = ["is required."];
        return errors;
    }
}
