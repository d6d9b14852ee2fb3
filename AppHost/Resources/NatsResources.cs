using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.AppHost.Resources;

/// <summary>Debian's nats-server in the foreground on 127.0.0.1 (core pub/sub: no JetStream, nothing on disk).</summary>
internal static class NatsResources
{
    public static IResourceBuilder<ExecutableResource> AddNatsServer(this IDistributedApplicationBuilder builder, string name, int port)
    {
        var check = $"{name}-accepts";
        builder.Services.AddHealthChecks().AddAsyncCheck(check, ct => TcpHealthCheck.ProbeAsync(port, ct));
        return builder.AddExecutable(name, "nats-server", "/", "-a", "127.0.0.1", "-p", Invariant(port))
            .WithEndpoint(port: port, targetPort: port, scheme: "nats", name: "nats", isProxied: false)
            .WithHealthCheck(check);
    }

    public static string Url(int port) => string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{port}");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
