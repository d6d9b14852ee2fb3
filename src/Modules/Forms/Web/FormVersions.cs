using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Platform.Modules.Forms.Web;

/// <summary>
/// Optimistic concurrency, as for catalogs: a template's current version number is its ETag
/// (<c>"3"</c>); a change sent with <c>If-Match</c> applies only to that version. Without If-Match
/// the change applies to whatever is current.
/// </summary>
internal static class FormVersions
{
    public static string ETag(int version) => $"\"{version}\"";

    public static void SetETag(HttpResponse response, int version) => response.Headers.ETag = ETag(version);

    /// <summary>True without If-Match, or when one of its tags is <c>*</c> or the current version (strong comparison).</summary>
    public static bool IfMatchAllows(HttpRequest request, int version)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
            return true;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
            return false;
        var current = new EntityTagHeaderValue(ETag(version));
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true));
    }

    public static ProblemHttpResult PreconditionFailed(HttpResponse response, int version)
    {
        SetETag(response, version);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Precondition failed",
            detail: $"The form template has changed: it is at version {version}, not the one in If-Match. Reload it and apply your change again.");
    }
}
