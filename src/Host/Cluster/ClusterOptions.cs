namespace Platform.Host.Cluster;

/// <summary>Settings under <c>Platform:Cluster</c>.</summary>
internal sealed class ClusterOptions
{
    /// <summary>How often a node reports itself and its load.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A node whose last heartbeat is older than this is down.</summary>
    public TimeSpan DownAfter { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// The URL other nodes (the gateway) use to reach this one. Defaults to the first address
    /// Kestrel listens on (http before https), a wildcard (0.0.0.0) replaced by this machine's
    /// first IPv4 address; set it behind NAT or when the machine has several networks.
    /// </summary>
    public string? AdvertisedUrl { get; set; }

    /// <summary>
    /// How long a stopping node keeps serving after it deregistered, when a gateway is running: at least one
    /// gateway registry refresh (<c>Platform:Gateway:RefreshInterval</c>, 2 s) and then some.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(3);
}
