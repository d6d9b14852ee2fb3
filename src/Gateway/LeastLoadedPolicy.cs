using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway;

/// <summary>
/// Seed 001's load-aware routing: the healthy node with the least load. A node's load is the CPU it last reported,
/// plus the requests this gateway has in flight to it right now, plus its open event streams. The reported figures
/// are up to one heartbeat old; the local counts react at once, so a burst spreads out instead of piling onto the
/// node that looked idle a moment ago.
/// <para>
/// Event streams are counted apart from requests: every open browser tab holds one for as long as it is open, so
/// weighing them like requests would turn the policy into "fewest connections" and drown the CPU signal. A stream
/// weighs little (memory and fan-out work); the count is the larger of the node's report (streams through every
/// gateway) and this gateway's own (current even between heartbeats — after a node dies, all its clients
/// reconnect within seconds, and they must not all land on the one survivor that reported the least).
/// </para>
/// </summary>
internal sealed class LeastLoadedPolicy(NodeLoadTable loads) : ILoadBalancingPolicy
{
    public const string Name = "LeastLoaded";

    // One request in flight weighs as much as 10 % CPU; ten open streams as much as 1 %.
    internal const double InFlightWeight = 10;
    internal const double StreamWeight = 0.1;

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
        if (NodeId(destination) is not { } nodeId)
            return InFlightWeight * destination.ConcurrentRequestCount;
        var reported = loads.Find(nodeId);
        var local = loads.Local(nodeId);
        return (reported?.CpuPercent ?? 0)
               + InFlightWeight * local.Requests
               + StreamWeight * Math.Max(reported?.OpenStreams ?? 0, local.Streams);
    }

    /// <summary>
    /// Runs after load balancing has narrowed the destinations to the chosen one: counts the request (or stream)
    /// against that node until the proxied response is complete.
    /// </summary>
    public async Task TrackAsync(HttpContext context, Func<Task> next)
    {
        var chosen = context.GetReverseProxyFeature().AvailableDestinations is [var only] ? NodeId(only) : null;
        if (chosen is null)
        {
            await next();
            return;
        }
        using var _ = loads.Local(chosen).Track(IsEventStream(context.Request));
        await next();
    }

    public static bool IsEventStream(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));

    private static string? NodeId(DestinationState destination) =>
        destination.Model?.Config.Metadata?.GetValueOrDefault(RouteTable.NodeIdMetadata);
}
