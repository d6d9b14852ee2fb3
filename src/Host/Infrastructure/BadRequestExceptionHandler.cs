using Microsoft.AspNetCore.Diagnostics;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Malformed requests (unreadable JSON, a body too large, a bad route value) become a 4xx
/// problem that says what was wrong, instead of a bare status code.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                // Only framework messages reach here ("Failed to read parameter … as JSON"):
                // they describe the request, not server internals.
                Detail = bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message,
            },
        });
    }
}
