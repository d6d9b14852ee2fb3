using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.BuildingBlocks.Web;

/// <summary>
/// What PostgreSQL refuses because of the request or of a concurrent one is a 4xx, not a server bug:
/// two requests changing the same row at once (EF Core's concurrency check), racing inserts of the same
/// key, serialization failures and deadlocks become 409 "retry"; text PostgreSQL cannot store (NUL,
/// characters outside UTF-8) that slipped past the JSON and query rules becomes 400. Endpoints keep their
/// own checks for the expected cases; this is the one net under all of them (docs/api.md "Malformed input").
/// </summary>
public sealed class DatabaseConflictExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted || Classify(exception) is not { } problem)
            return false;
        var (status, title, detail) = problem;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    internal static (int Status, string Title, string Detail)? Classify(Exception exception)
    {
        if (exception is DbUpdateConcurrencyException)
            return Conflict("What this request changes was changed or removed by another request at the same time. Read it again and retry.");
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is not PostgresException postgres)
                continue;
            // The SQL states are PostgreSQL's (Appendix A); messages name constraints, never data or credentials,
            // but they are not echoed anyway: the client needs what to do, not our schema.
            return postgres.SqlState switch
            {
                PostgresErrorCodes.UniqueViolation =>
                    Conflict("Another request created the same thing at the same time. Read the current state and retry if still needed."),
                PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
                    Conflict("The request collided with a concurrent change. Retry it."),
                PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
                    (StatusCodes.Status400BadRequest, "The request is invalid.",
                        "The request contains text that cannot be stored: the NUL character (U+0000) or bytes that are not UTF-8."),
                _ => null,
            };
        }
        return null;
    }

    private static (int, string, string) Conflict(string detail) => (StatusCodes.Status409Conflict, "Conflict", detail);
}
