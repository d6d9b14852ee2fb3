using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway;

/// <summary>
/// Seed 001's load-aware routing: the healthy node with the least load. Load is the CPU the node
/// last reported plus the requests this gateway has in flight to it right now. The reported
/// figure is up to one heartbeat old; the local count reacts at once, so a burst spreads out
/// instead of piling onto the node that looked idle two seconds ago.
/// </summary>
internal sealed class LeastLoadedPolicy(NodeLoadTable loads) : ILoadBalancingPolicy
{
    public const string Name = "LeastLoaded";

    // One request in flight weighs as much as 10 % CPU.
    private const double InFlightWeight = 10;

    string ILoadBalancingPolicy.Name => Name;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        DestinationState? best = null;
        var bestScore = double.MaxValue;
        foreach (var destination in availableDestinations)
        {
            var score = Score(destination);
            if (score < bestScore)
                (best, bestScore) = (destination, score);
        }
        return best;
    }

    public double Score(DestinationState destination)
    {
        var nodeId = destination.Model.Config.Metadata?.GetValueOrDefault(RouteTable.NodeIdMetadata);
        var reported = nodeId is null ? null : loads.Find(nodeId);
        return (reported?.CpuPercent ?? 0) + InFlightWeight * destination.ConcurrentRequestCount;
    }
}
