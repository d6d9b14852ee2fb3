using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.BuildingBlocks.Web;

/// <summary>
/// The keyset cursor of a list ordered by text (a name, an item key) rather than by time: the last
/// row's text and, as tie-breaker, its id (<see cref="Guid.Empty"/> when the text is unique). The
/// text travels in the cursor itself, so a page boundary survives that row being deleted. Opaque to
/// clients, like <see cref="Cursor"/>.
/// </summary>
public readonly record struct TextCursor(string Text, Guid Id)
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Encode()
    {
        var text = Encoding.UTF8.GetBytes(Text);
        var bytes = new byte[16 + text.Length];
        Id.TryWriteBytes(bytes, bigEndian: true, out _);
        text.CopyTo(bytes, 16);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    /// <summary>False (never an exception) for anything <see cref="Encode"/> could not have produced for a text of at most <paramref name="maxTextLength"/> characters.</summary>
    public static bool TryDecode(string? value, int maxTextLength, out TextCursor cursor)
    {
        cursor = default;
        // Base64 of 16 bytes + up to 4 UTF-8 bytes per character.
        if (string.IsNullOrEmpty(value) || value.Length > (16 + 4 * maxTextLength) * 4 / 3 + 4)
            return false;
        byte[] bytes;
        string text;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(value);
            if (bytes.Length < 16)
                return false;
            text = Strict.GetString(bytes, 16, bytes.Length - 16);
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return false;
        }
        if (text.Length > maxTextLength || text.Contains('\0', StringComparison.Ordinal))
            return false;
        cursor = new TextCursor(text, new Guid(bytes.AsSpan(0, 16), bigEndian: true));
        return true;
    }
}
