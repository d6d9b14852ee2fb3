using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs.Web;

/// <summary>
/// The catalog list's keyset cursor: the last row's (name, id). <c>Platform.BuildingBlocks.Web.Cursor</c>
/// holds a timestamp and an id, and this order is by name, so the name travels in the cursor
/// itself (an id alone would break when that catalog is deleted between two pages). Opaque to
/// clients, like every cursor of the API.
/// </summary>
internal readonly record struct NameCursor(string Name, Guid Id)
{
    public string Encode()
    {
        var name = Encoding.UTF8.GetBytes(Name);
        var bytes = new byte[16 + name.Length];
        Id.TryWriteBytes(bytes, bigEndian: true, out _);
        name.CopyTo(bytes, 16);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public static bool TryDecode(string? value, out NameCursor cursor)
    {
        cursor = default;
        if (!CursorBytes.TryDecode(value, maxChars: 1200, out var bytes) || bytes.Length < 16)
            return false;
        if (!CursorBytes.TryGetString(bytes.AsSpan(16), CatalogLimits.MaxNameLength, out var name))
            return false;
        cursor = new NameCursor(name, new Guid(bytes.AsSpan(0, 16), bigEndian: true));
        return true;
    }
}

/// <summary>The item pages' cursor: the last item's key.</summary>
internal readonly record struct KeyCursor(string Key)
{
    public string Encode() => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(Key));

    public static bool TryDecode(string? value, out KeyCursor cursor)
    {
        cursor = default;
        if (!CursorBytes.TryDecode(value, maxChars: 2800, out var bytes)
            || !CursorBytes.TryGetString(bytes, CatalogLimits.MaxKeyLength, out var key) || key.Length == 0)
            return false;
        cursor = new KeyCursor(key);
        return true;
    }
}

internal static class CursorBytes
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(string? value, int maxChars, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(value) || value.Length > maxChars)
            return false;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryGetString(ReadOnlySpan<byte> bytes, int maxLength, out string value)
    {
        value = string.Empty;
        try
        {
            value = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        return value.Length <= maxLength && !value.Contains('\0', StringComparison.Ordinal);
    }
}
