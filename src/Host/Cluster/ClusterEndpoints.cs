using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Modularity;
using Platform.BuildingBlocks.Security;
using Platform.Host.Infrastructure;

namespace Platform.Host.Cluster;

internal sealed record NodeStatus(
    string Id, IReadOnlyList<string> Roles, string Address, string Version, DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeatAt, string Health, double CpuPercent, int InFlightRequests, int OpenStreams, long MemoryBytes);

internal sealed record ClusterStatus(IReadOnlyList<NodeStatus> Nodes, DateTimeOffset At);

internal static class ClusterEndpoints
{
    /// <summary>
    /// The cluster view. Administrators only: it names internal addresses. (Every organisation
    /// admin of the installation may see it; an installation-operator role comes with multi-tenant
    /// hosting.)
    /// </summary>
    public static void MapClusterEndpoints(this WebApplication app)
    {
        if (!app.GetModuleCatalog().NodeRoles.Has(PlatformRoles.Web))
            return;
        app.MapGet("/api/v1/admin/cluster/nodes", async (PlatformDbContext db, IOptions<ClusterOptions> options, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            var nodes = await db.Nodes.AsNoTracking().OrderBy(n => n.Id).ToListAsync(ct);
            return TypedResults.Ok(new ClusterStatus(nodes.Select(n => new NodeStatus(
                n.Id, n.Roles, n.Address, n.Version, n.StartedAt, n.LastHeartbeatAt,
                now - n.LastHeartbeatAt <= options.Value.DownAfter ? "up" : "down",
                n.CpuPercent, n.InFlightRequests, n.OpenStreams, n.MemoryBytes)).ToList(), now));
        }).RequireAuthorization(PlatformPolicies.OrganizationAdmin).WithTags("Cluster");
    }
}
