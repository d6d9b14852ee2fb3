using Microsoft.Extensions.Configuration;

namespace Platform.Modules.Realtime.Fanout;

/// <summary>How a committed real-time event reaches the SSE streams open on every web node.</summary>
internal enum FanoutMode
{
    /// <summary>One node: the writer hands its rows straight to its own dispatcher. No NOTIFY, no broker.</summary>
    InProcess,

    /// <summary>PostgreSQL LISTEN/NOTIFY (the pre-NATS path): every commit takes NOTIFY's global lock on the primary.</summary>
    Notify,

    /// <summary>NATS core pub/sub: the writer publishes its committed rows, every web node's dispatcher subscribes.</summary>
    Nats,
}

internal static class FanoutModes
{
    public const string NatsConnectionStringName = "Nats";

    /// <summary>
    /// <c>Platform:Realtime:Fanout</c> (<c>auto</c> by default): NATS when <c>ConnectionStrings:Nats</c> is set;
    /// NOTIFY when the node shares a RabbitMQ bus without NATS (several nodes must still hear each other's events at
    /// once); otherwise in-process. Naming a mode forces it (the benchmark compares them on the same build).
    /// </summary>
    public static FanoutMode Resolve(IConfiguration configuration)
    {
        var nats = configuration.GetConnectionString(NatsConnectionStringName);
        var configured = configuration["Platform:Realtime:Fanout"];
        if (string.IsNullOrWhiteSpace(configured) || configured.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            if (!string.IsNullOrWhiteSpace(nats))
                return FanoutMode.Nats;
            return string.IsNullOrWhiteSpace(configuration.GetConnectionString("RabbitMq")) ? FanoutMode.InProcess : FanoutMode.Notify;
        }
        if (!Enum.TryParse<FanoutMode>(configured, ignoreCase: true, out var mode))
            throw new InvalidOperationException($"Platform:Realtime:Fanout must be auto, inprocess, notify or nats (was '{configured}').");
        if (mode == FanoutMode.Nats && string.IsNullOrWhiteSpace(nats))
            throw new InvalidOperationException("Platform:Realtime:Fanout is 'nats' but ConnectionStrings:Nats is not set (nats://host:4222).");
        return mode;
    }
}
