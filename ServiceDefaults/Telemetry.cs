using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// OpenTelemetry traces and metrics. ASP.NET Core, Npgsql and MassTransit already emit Activities
/// and Meters; we only subscribe. Export goes over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (the standard variable), and nowhere otherwise. (The OpenTelemetry.Extensions.Hosting
/// package is not in this registry, so the providers are built and owned here.)
/// </summary>
public static class Telemetry
{
    public const string PlatformSource = "Platform";

    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
            return builder;

        var resource = ResourceBuilder.CreateDefault()
            .AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "platform", serviceInstanceId: Environment.MachineName);
        builder.Services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource("Microsoft.AspNetCore", "MassTransit", "Npgsql", PlatformSource)
            .AddOtlpExporter()
            .Build());
        builder.Services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "Npgsql", "MassTransit", PlatformSource)
            .AddOtlpExporter()
            .Build());
        builder.Services.AddHostedService<TelemetryStarter>();
        return builder;
    }

    /// <summary>Resolves the providers at start so they listen from the first request on.</summary>
    private sealed class TelemetryStarter(TracerProvider tracer, MeterProvider meter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = (tracer, meter);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
