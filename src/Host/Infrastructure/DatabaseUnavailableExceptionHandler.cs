using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Platform.Host.Infrastructure;

/// <summary>
/// PostgreSQL out of reach (restarting, failing over, connection pool exhausted) is the client's cue to try again
/// shortly, not a server bug: a 503 problem with Retry-After instead of a 500. The request's transaction did not
/// commit unless the connection broke during the commit itself, which is why the message points at
/// Idempotency-Key: a retry with the same key is applied exactly once either way.
/// </summary>
internal sealed partial class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Unavailable(exception) is not { } cause || httpContext.Response.HasStarted)
            return false;
        // The message names the failure (e.g. "Failed to connect to 127.0.0.1:5432"); connection strings and
        // passwords are never part of Npgsql's exception messages.
        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, cause.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Database unavailable",
                Detail = $"The database cannot be reached right now (a restart or failover may be in progress). Try again in {RetryAfterSeconds} s. " +
                         "A change sent with an Idempotency-Key can be sent again safely: it is applied at most once.",
            },
        });
    }

    /// <summary>The connection-level failure somewhere in the exception chain (EF Core wraps Npgsql's), or null.</summary>
    internal static NpgsqlException? Unavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Server-side errors that mean "not now" rather than "wrong request": connection exceptions (08),
                // shutting down / starting up (57P01-03), and writes reaching a server that is no longer the primary.
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                     || postgres.SqlState is "57P01" or "57P02" or "57P03" or "25006":
                    return postgres;
                case PostgresException:
                    return null;
                // Client-side, never a fault of the request: socket errors, timeouts, an exhausted pool, and the
                // multi-host data source's "No suitable host was found" (every host failed or was marked offline
                // by a recent failure). Only a second command on a busy connection is a bug of ours.
                case NpgsqlOperationInProgressException:
                    return null;
                case NpgsqlException npgsql:
                    return npgsql;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: database unavailable, answered 503: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
}
