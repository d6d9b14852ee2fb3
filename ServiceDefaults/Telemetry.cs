using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// OpenTelemetry as the Aspire template sets it up: traces, metrics and logs from ASP.NET Core,
/// HttpClient, the runtime, Npgsql, MassTransit and our own sources, always collected (so trace
/// context flows through the outbox and the bus, and <c>/metrics</c> has data); exported over
/// OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, as Aspire does for its project
/// resources. See docs/observability.md.
/// </summary>
public static class Telemetry
{
    /// <summary>The project's own sources and meters (Platform.BuildingBlocks.Diagnostics and any Platform.* added later).</summary>
    private static readonly string[] PlatformNames = ["Platform", "Platform.*"];

    /// <summary>Sources and meters of the libraries that instrument themselves.</summary>
    private const string MassTransit = "MassTransit";

    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => ConfigureResource(resource, builder.Configuration))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(MassTransit)
                .AddMeter(PlatformNames)
                .AddPrometheusExporter()
                .AddHostView(OnlyThisHostsMeters))
            .WithTracing(tracing => tracing
                // Probes (the gateway's every 2 s per node, load balancers) and scrapes would drown
                // the traces people look for.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbeOrScrape(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(MassTransit)
                .AddSource(PlatformNames));

        // A scrape must see what happened up to that moment (the default caches the answer 300 ms).
        builder.Services.Configure<PrometheusAspNetCoreOptions>(o => o.ScrapeResponseCacheDurationMilliseconds = 0);

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// Aspire (and any OpenTelemetry deployment) names the service with <c>OTEL_SERVICE_NAME</c> /
    /// <c>OTEL_RESOURCE_ATTRIBUTES</c>, which the SDK reads itself; only without them do we name it,
    /// with the node id as the instance so two nodes on one machine stay apart.
    /// </summary>
    private static void ConfigureResource(ResourceBuilder resource, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
            return;
        var nodeId = configuration["Platform:NodeId"];
        resource.AddService("platform", serviceInstanceId: nodeId, autoGenerateServiceInstanceId: nodeId is null);
    }

    /// <summary>
    /// ASP.NET Core makes its meters (requests, Kestrel, authentication) with the host's <see cref="IMeterFactory"/>,
    /// but an OpenTelemetry provider listens by meter name to every meter in the process. Where
    /// several hosts share a process (the integration tests, a test server beside the app) each
    /// provider would export the others' requests as its own and run out of metric streams (1,000)
    /// before its own host's instruments appear. Meters made by another host's factory are dropped;
    /// static meters (Npgsql, the runtime, ours) are the process's and stay.
    /// </summary>
    private static MeterProviderBuilder AddHostView(this MeterProviderBuilder metrics, Func<IMeterFactory, Func<Instrument, MetricStreamConfiguration?>> view) =>
        ((IDeferredMeterProviderBuilder)metrics).Configure((services, builder) => builder.AddView(view(services.GetRequiredService<IMeterFactory>())));

    internal static Func<Instrument, MetricStreamConfiguration?> OnlyThisHostsMeters(IMeterFactory ours) =>
        instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, ours)
            ? MetricStreamConfiguration.Drop
            : null;

    internal static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments(MetricsEndpoint.Path, StringComparison.OrdinalIgnoreCase);
}
