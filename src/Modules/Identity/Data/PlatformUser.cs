using Microsoft.AspNetCore.Identity;
using Platform.BuildingBlocks.Database;

namespace Platform.Modules.Identity.Data;

/// <summary>A person or a bot (a technical account for integrations) of exactly one organisation.</summary>
internal sealed class PlatformUser : IdentityUser<Guid>
{
    public const int MaxDisplayNameLength = 200;
    public const int MaxPositionLength = 200;
    public const int MaxPhoneLength = 50;
    public const int MaxTimeZoneLength = 100;
    public const int MaxLocaleLength = 35;

    public Guid OrganizationId { get; set; }
    public string DisplayName { get; set; } = string.Empty;
    public bool IsOrganizationAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Job title, e.g. "Chief accountant".</summary>
    public string? Position { get; set; }
    /// <summary>IANA time zone id, e.g. "Europe/Berlin".</summary>
    public string? TimeZone { get; set; }
    /// <summary>BCP 47 culture name, e.g. "en-GB".</summary>
    public string? Locale { get; set; }

    /// <summary>A blocked account cannot sign in; its sessions, tokens and keys stop working.</summary>
    public bool IsBlocked { get; set; }
    public DateTimeOffset? BlockedAt { get; set; }

    /// <summary>A technical account: no password, no e-mail, authenticates with an API key only.</summary>
    public bool IsBot { get; set; }

    /// <summary>
    /// When a bot was deleted. The row stays (blocked, keyless) so that whatever it authored still
    /// resolves to its name; only bots are deleted this way.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public static PlatformUser Create(Guid organizationId, string email, string displayName, bool isAdmin) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = organizationId,
        UserName = email,
        Email = email,
        DisplayName = displayName.Trim(),
        IsOrganizationAdmin = isAdmin,
        CreatedAt = TimeProvider.System.GetUtcNowForDatabase(),
        LockoutEnabled = true,
    };

    /// <summary>
    /// A bot: its user name is internal (it contains no '@', so it can never collide with a
    /// person's, which is their e-mail) and it has neither e-mail nor password.
    /// </summary>
    public static PlatformUser CreateBot(Guid organizationId, string displayName, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        var userName = $"bot-{id:N}";
        return new PlatformUser
        {
            Id = id,
            OrganizationId = organizationId,
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = displayName.Trim(),
            CreatedAt = now,
            IsBot = true,
            SecurityStamp = NewSecurityStamp(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = false,
        };
    }

    /// <summary>Changes the security stamp: every cookie, access and refresh token issued before stops working.</summary>
    public void RevokeSessions()
    {
        SecurityStamp = NewSecurityStamp();
        ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    private static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
}

/// <summary>A tenant: everything a user sees belongs to their organisation.</summary>
internal sealed class Organization
{
    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}
