namespace Platform.Host.Cluster;

/// <summary>A row of <c>platform.nodes</c>: one running process of the host.</summary>
internal sealed class NodeRecord
{
    public string Id { get; set; } = null!;
    public string[] Roles { get; set; } = [];
    public string Address { get; set; } = null!;
    public string Version { get; set; } = null!;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastHeartbeatAt { get; set; }
    public double CpuPercent { get; set; }
    public int InFlightRequests { get; set; }
    public int OpenStreams { get; set; }
    public long MemoryBytes { get; set; }
}
