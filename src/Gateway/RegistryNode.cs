namespace Platform.Gateway;

/// <summary>A live node as the gateway sees it in <c>platform.nodes</c>.</summary>
internal sealed record RegistryNode(string Id, IReadOnlyList<string> Roles, string Address, double CpuPercent, int InFlightRequests, int OpenStreams);
