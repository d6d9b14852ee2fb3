using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Platform.Modules.Files.Download;

/// <summary>Response headers that make serving user-supplied bytes from the application's own origin safe.</summary>
internal static class SafeHeaders
{
    /// <summary>
    /// Types a browser may show inline: raster images, audio and video, which cannot run script. HTML, SVG, XML,
    /// JavaScript and PDF (its viewer runs scripts) are always downloads.
    /// </summary>
    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/avif",
        "audio/mpeg", "audio/ogg", "audio/wav", "audio/webm", "video/mp4", "video/webm", "video/ogg",
    };

    public static bool MayBeInline(string contentType) => InlineTypes.Contains(contentType);

    /// <summary>
    /// The headers every file response carries: no MIME sniffing (a "photo.png" full of HTML stays an image), a CSP
    /// sandbox (if a browser renders it anyway, it runs nothing and reaches nothing), revalidation on every use (so a
    /// revoked permission is honoured at once; the ETag keeps it cheap), and the disposition.
    /// </summary>
    public static void Apply(HttpResponse response, string fileName, bool inline)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        response.Headers.CacheControl = "private, no-cache";
        response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        response.Headers.ContentDisposition = ContentDisposition(inline ? "inline" : "attachment", fileName);
    }

    /// <summary>
    /// RFC 6266 with an RFC 5987 <c>filename*</c>: an ASCII-only <c>filename</c> for old clients (anything else
    /// becomes '_', quotes and backslashes too, so the quoted string cannot be broken out of) and the exact UTF-8
    /// name percent-encoded. CR/LF never survive either form, so no header can be injected.
    /// </summary>
    public static string ContentDisposition(string type, string fileName)
    {
        var ascii = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
            ascii.Append(c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_');
        var encoded = new StringBuilder(fileName.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(fileName))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c, StringComparison.Ordinal))
                encoded.Append(c);
            else
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return $"{type}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}";
    }
}
