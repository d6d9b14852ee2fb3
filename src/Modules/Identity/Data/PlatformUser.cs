using Microsoft.AspNetCore.Identity;

namespace Platform.Modules.Identity.Data;

/// <summary>A person (later also a bot) who belongs to exactly one organisation.</summary>
internal sealed class PlatformUser : IdentityUser<Guid>
{
    public Guid OrganizationId { get; set; }
    public string DisplayName { get; set; } = string.Empty;
    public bool IsOrganizationAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static PlatformUser Create(Guid organizationId, string email, string displayName, bool isAdmin) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = organizationId,
        UserName = email,
        Email = email,
        DisplayName = displayName.Trim(),
        IsOrganizationAdmin = isAdmin,
        CreatedAt = DateTimeOffset.UtcNow,
        LockoutEnabled = true,
    };
}

/// <summary>A tenant: everything a user sees belongs to their organisation.</summary>
internal sealed class Organization
{
    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}
