using System.Globalization;

namespace Platform.Modules.Files.Storage;

/// <summary>
/// The key layout, the same on every backend: <c>{tenant}/{shard}/{file}</c> for content and
/// <c>{tenant}/previews/{file}/{name}</c> for previews, ids as 32 lower-case hex digits. The shard is two levels of
/// two hex digits taken from the END of the id: UUIDv7 ids begin with a timestamp, so their first digits are the same
/// for every file uploaded in the same hours and would pile them into one folder.
/// </summary>
internal static class ObjectKeys
{
    public static string TenantPrefix(Guid organizationId) => Hex(organizationId) + "/";

    public static string Content(Guid organizationId, Guid fileId)
    {
        var id = Hex(fileId);
        return string.Create(CultureInfo.InvariantCulture, $"{Hex(organizationId)}/{id[^2..]}/{id[^4..^2]}/{id}");
    }

    public static string PreviewPrefix(Guid organizationId, Guid fileId) => $"{Hex(organizationId)}/previews/{Hex(fileId)}/";

    public static string Preview(Guid organizationId, Guid fileId, string name) => PreviewPrefix(organizationId, fileId) + name;

    /// <summary>Reads a content key back (null for preview keys and anything not written by <see cref="Content"/>).</summary>
    public static (Guid OrganizationId, Guid FileId)? ParseContent(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 4
               && Guid.TryParseExact(parts[0], "N", out var org)
               && Guid.TryParseExact(parts[3], "N", out var file)
               && key == Content(org, file)
            ? (org, file)
            : null;
    }

    /// <summary>Reads a preview key back to its file (null for anything else).</summary>
    public static (Guid OrganizationId, Guid FileId)? ParsePreview(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 4 && parts[1] == "previews"
               && Guid.TryParseExact(parts[0], "N", out var org)
               && Guid.TryParseExact(parts[2], "N", out var file)
            ? (org, file)
            : null;
    }

    private static string Hex(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);
}
