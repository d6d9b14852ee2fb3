using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.StaticFiles;

namespace Platform.Modules.Files.Upload;

/// <summary>What a client-supplied file name may become: a display name only, never part of a path or a key.</summary>
internal static class FileNames
{
    public const string Fallback = "file";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>
    /// The last segment of whatever path the client sent (browsers and scripts send "C:\dir\x.pdf" or
    /// "../../etc/passwd"), without control or bidi-override characters, trimmed of dots and spaces at the ends (so
    /// Windows users can save it), at most <see cref="Domain.StoredFile.MaxNameLength"/> characters with the extension
    /// kept. Empty results become <see cref="Fallback"/>.
    /// </summary>
    public static string Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return Fallback;
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        var segment = lastSeparator >= 0 ? name[(lastSeparator + 1)..] : name;
        var clean = new StringBuilder(segment.Length);
        foreach (var rune in segment.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            // Control (incl. CR/LF: header injection), format (bidi overrides make "exe.pdf" look like "fdp.exe"),
            // and unassigned/private/surrogate code points never reach a name.
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate)
                continue;
            clean.Append(rune.ToString());
        }

        var result = clean.ToString().Trim().Trim('.').Trim();
        if (result.Length == 0)
            return Fallback;
        if (result.Length > Domain.StoredFile.MaxNameLength)
        {
            var extension = Path.GetExtension(result);
            if (extension.Length > 16)
                extension = string.Empty;
            var stem = result[..(Domain.StoredFile.MaxNameLength - extension.Length)];
            // Never cut a surrogate pair in half.
            if (char.IsHighSurrogate(stem[^1]))
                stem = stem[..^1];
            result = stem + extension;
        }

        return result;
    }

    /// <summary>The media type for a name's extension (application/octet-stream when unknown).</summary>
    public static string ContentTypeOf(string name) =>
        ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
}
