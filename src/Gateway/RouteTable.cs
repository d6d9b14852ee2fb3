using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Platform.BuildingBlocks.Modularity;

namespace Platform.Gateway;

/// <summary>Which paths go to which role's nodes, and how each cluster is balanced and checked.</summary>
internal static class RouteTable
{
    public const string NodeIdMetadata = "nodeId";

    /// <summary>Path prefixes served by a dedicated role; everything else goes to web nodes.</summary>
    private static readonly (string Role, string Path)[] DedicatedRoutes =
    [
        (PlatformRoles.Files, "/api/v1/files/{**rest}"),
    ];

    public static RegistryProxyConfig Build(IReadOnlyList<RegistryNode> nodes, GatewayOptions options, string fingerprint)
    {
        var routes = new List<RouteConfig>
        {
            new() { RouteId = PlatformRoles.Web, ClusterId = PlatformRoles.Web, Order = 1000, Match = new RouteMatch { Path = "/{**catch-all}" } },
        };
        routes.AddRange(DedicatedRoutes.Select(r => new RouteConfig
        {
            RouteId = r.Role, ClusterId = r.Role, Order = 10, Match = new RouteMatch { Path = r.Path },
            // Kestrel's default 30 MB cap would cut uploads at the gateway; the files node enforces the real limit
            // (Platform:Files:MaxUploadBytes) while it streams, and answers with a problem the client can read.
            MaxRequestBodySize = r.Role == PlatformRoles.Files ? -1 : null,
        }));

        var clusters = new[] { PlatformRoles.Web }.Concat(DedicatedRoutes.Select(r => r.Role))
            .Select(role => Cluster(role, nodes.Where(n => n.Roles.Contains(role)), options))
            .ToList();
        return new RegistryProxyConfig(routes, clusters, fingerprint);
    }

    private static ClusterConfig Cluster(string role, IEnumerable<RegistryNode> nodes, GatewayOptions options) => new()
    {
        ClusterId = role,
        LoadBalancingPolicy = LeastLoadedPolicy.Name,
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = options.HealthCheckInterval,
                Timeout = options.HealthCheckTimeout,
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = "/health/ready",
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                ReactivationPeriod = TimeSpan.FromSeconds(10),
            },
            // Healthy and not-yet-probed nodes; when every node of the role looks unhealthy (on a
            // busy machine all probes can time out at once) send to all of them rather than answer
            // 503 to everyone: a node that really is down is then retried past (RetryOnAnotherNode).
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
        },
        // One failed probe is enough: a node that cannot answer /health/ready should not get
        // traffic, and the next good probe brings it back.
        Metadata = new Dictionary<string, string> { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "1" },
        HttpRequest = new ForwarderRequestConfig { ActivityTimeout = options.ActivityTimeout },
        Destinations = nodes.ToDictionary(n => n.Id, n => new DestinationConfig
        {
            Address = n.Address,
            Metadata = new Dictionary<string, string> { [NodeIdMetadata] = n.Id },
        }),
    };
}
