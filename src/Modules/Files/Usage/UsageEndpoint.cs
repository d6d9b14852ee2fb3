using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Files.Data;

namespace Platform.Modules.Files.Usage;

/// <summary><c>GET /api/v1/files/usage</c>: the organisation's storage use and quota, for its administrators.</summary>
internal static class UsageEndpoint
{
    public static void Map(RouteGroupBuilder files) =>
        files.MapGet("/usage", async (CurrentUser me, FilesDbContext db, IOptions<FilesOptions> options, CancellationToken ct) =>
        {
            var account = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.OrganizationId == me.OrganizationId, ct);
            var quota = account?.EffectiveQuota(options.Value.DefaultQuotaBytes) ?? options.Value.DefaultQuotaBytes;
            return TypedResults.Ok(new StorageUsageResponse(account?.UsedBytes ?? 0, quota, account?.FileCount ?? 0));
        }).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
}
