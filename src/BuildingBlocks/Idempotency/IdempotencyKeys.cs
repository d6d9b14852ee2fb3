using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Web;

namespace Platform.BuildingBlocks.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> header and replaying a stored outcome: shared by <see cref="IdempotencyFilter{TContext}"/>
/// (a handler inside one transaction) and endpoints that cannot hold a transaction open across their work (uploads
/// stream gigabytes first and record the key with the file at the end).
/// </summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    /// <summary>The request's key, or null without one; <paramref name="invalid"/> is a 400 problem for a key too long.</summary>
    public static string? Read(HttpRequest request, out IResult? invalid)
    {
        invalid = null;
        var key = request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(key))
            return null;
        if (key.Length > IdempotencyRecord.MaxKeyLength)
        {
            invalid = Problems.Invalid(HeaderName, $"must be at most {IdempotencyRecord.MaxKeyLength} characters.");
            return null;
        }
        return key;
    }

    /// <summary>Method and path: what a key is bound to.</summary>
    public static string RequestName(HttpRequest request) => $"{request.Method} {request.Path}";

    /// <summary>The stored outcome again, marked as a replay; a key first used for another request is a 409 problem.</summary>
    public static IResult Replay(HttpContext http, IdempotencyRecord stored)
    {
        var requestName = RequestName(http.Request);
        if (stored.Request != requestName)
            return Problems.Conflict($"This Idempotency-Key was already used for {stored.Request}; use a new key for a different request.");
        http.Response.Headers[ReplayedHeader] = "true";
        if (stored.Location is not null)
            http.Response.Headers.Location = stored.Location;
        return stored.Body is null
            ? TypedResults.StatusCode(stored.StatusCode)
            : TypedResults.Text(stored.Body, "application/json", statusCode: stored.StatusCode);
    }

    /// <summary>True when <paramref name="exception"/> is the key's primary key taken by a concurrent duplicate.</summary>
    public static bool IsTakenByConcurrentDuplicate(Exception exception) =>
        exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_idempotency_keys" };
}
