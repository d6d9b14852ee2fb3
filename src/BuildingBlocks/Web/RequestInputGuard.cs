using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Platform.BuildingBlocks.Web;

/// <summary>
/// Refuses, before any endpoint reads them, the parts of a request that the framework or PostgreSQL
/// would otherwise throw on: a <c>Content-Type</c> with a charset .NET cannot decode (the framework's
/// JSON reader throws InvalidOperationException → 500) and NUL in a query parameter (PostgreSQL refuses
/// U+0000 in text → 500). Both become problems naming the part, the same rule as for JSON bodies
/// (<see cref="StorableTextConverter"/>, docs/api.md "Malformed input").
/// </summary>
public sealed class RequestInputGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType is { Length: > 0 } contentType && UnreadableContentType(contentType) is { } reason)
            return WriteAsync(context, Problems.UnsupportedMediaType(reason));
        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)))
                return WriteAsync(context, Problems.Invalid(name.Replace("\0", "", StringComparison.Ordinal),
                    "must not contain the NUL character (U+0000): it cannot be stored or searched."));
        }
        return next(context);
    }

    private static string? UnreadableContentType(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
            return $"The Content-Type header '{Printable(contentType)}' is not a valid media type.";
        if (media.Charset.HasValue && !IsKnownEncoding(media.Charset.Value!))
            return $"The charset '{Printable(media.Charset.Value!)}' of the Content-Type is not supported: send UTF-8.";
        return null;
    }

    private static bool IsKnownEncoding(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Echoes the client's own header back, cut short and without control characters.</summary>
    private static string Printable(string value)
    {
        var clean = new string(value.Where(c => !char.IsControl(c)).Take(100).ToArray());
        return value.Length > 100 ? clean + "…" : clean;
    }

    private static Task WriteAsync(HttpContext context, IResult problem) => problem.ExecuteAsync(context);
}
