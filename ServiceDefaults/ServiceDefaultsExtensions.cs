using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        // EF Core logs every command (noise, and it can carry parameter values) and logs failed
        // ones at Error even when the failure is expected (the migration-history probe on a new
        // database). Real failures surface as exceptions, which are logged where they are handled.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);

        builder.AddPlatformTelemetry();

        // Outgoing HTTP through IHttpClientFactory (webhooks, anything a module adds) gets the
        // standard pipeline: rate limiter, total and per-attempt timeouts, retries with backoff,
        // circuit breaker. Retries only for methods that are safe to repeat: a POST that timed out
        // may have been applied, and the receiver would see it twice. YARP's forwarder and its
        // health probes do not use IHttpClientFactory, so the gateway keeps its own timeouts and
        // its retry-on-another-node rules (docs/observability.md).
        builder.Services.ConfigureHttpClientDefaults(http =>
            http.AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods()));

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: [LiveTag]);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            if (context.ProblemDetails.Status == StatusCodes.Status404NotFound && context.HttpContext.GetEndpoint() is null)
                context.ProblemDetails.Detail ??= $"There is no endpoint at {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}.";
            if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
                context.ProblemDetails.Detail ??= "Send the body as JSON with Content-Type: application/json.";
        });
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers (nothing else is checked, so a database outage does
    /// not get the process restarted). <c>/health/ready</c>: the node can serve — its
    /// dependencies (PostgreSQL, the bus) answer. Load balancers use ready. <c>/metrics</c>: the
    /// Prometheus scrape endpoint (see MetricsEndpoint for who may read it).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag) || check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapMetricsEndpoint();
        return app;
    }
}
