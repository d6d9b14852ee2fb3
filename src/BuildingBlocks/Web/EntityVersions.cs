using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Platform.BuildingBlocks.Web;

/// <summary>
/// Optimistic concurrency for every versioned resource (tasks, catalogs, form templates): the
/// version number is the ETag (<c>"7"</c>); a change sent with <c>If-Match</c> applies only to
/// that version; without If-Match it applies to whatever is current.
/// </summary>
public static class EntityVersions
{
    public static string ETag(long version) => $"\"{version}\"";

    public static void SetETag(HttpResponse response, long version) => response.Headers.ETag = ETag(version);

    /// <summary>
    /// True when the request has no If-Match, or one of its entity tags is <c>*</c> or the current
    /// version (strong comparison, RFC 9110 §13.1.1: a weak tag never matches).
    /// </summary>
    public static bool IfMatchAllows(HttpRequest request, long version)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
            return true;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
            return false;
        var current = new EntityTagHeaderValue(ETag(version));
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true));
    }

    /// <summary>True when If-None-Match names the current version (weak comparison, RFC 9110 §13.1.2): answer 304.</summary>
    public static bool IfNoneMatchHits(HttpRequest request, long version)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags))
            return false;
        var current = new EntityTagHeaderValue(ETag(version));
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    /// <param name="what">"task", "catalog", "form template": named in the message.</param>
    public static ProblemHttpResult PreconditionFailed(HttpResponse response, long version, string what)
    {
        SetETag(response, version);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Precondition failed",
            detail: $"The {what} has changed: it is at version {version}, not the one in If-Match. Reload it and apply your change again.");
    }
}
