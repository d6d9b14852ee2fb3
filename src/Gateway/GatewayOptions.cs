namespace Platform.Gateway;

/// <summary>Settings under <c>Platform:Gateway</c>.</summary>
internal sealed class GatewayOptions
{
    /// <summary>How often routes and destinations are re-read from the node registry.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A node whose last heartbeat is older than this gets no traffic.</summary>
    public TimeSpan NodeDownAfter { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Active health probe of <c>/health/ready</c> on every destination.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many other nodes an idempotent request is retried on after a failure.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Largest request body kept in memory so it can be re-sent on retry.</summary>
    public int MaxReplayableBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Longest silence on a proxied connection. Long, because SSE streams are quiet between
    /// events (the nodes send a keep-alive every 15 s).
    /// </summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
