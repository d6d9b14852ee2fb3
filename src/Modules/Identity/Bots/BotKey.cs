namespace Platform.Modules.Identity.Bots;

/// <summary>
/// A bot's API key, stored only as its SHA-256 hash (the key is 32 random bytes: a fast hash is
/// enough, there is nothing to brute-force). The plain key is shown once, when it is created.
/// </summary>
internal sealed class BotKey
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid OrganizationId { get; set; }
    public byte[] KeyHash { get; set; } = [];
    /// <summary>The key's first characters ("plt_AbCd"), so an admin can tell keys apart.</summary>
    public string Hint { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}
