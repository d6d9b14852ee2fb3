using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Catalogs.Data;

namespace Platform.Modules.Catalogs.DeleteCatalog;

internal static class DeleteCatalogEndpoint
{
    public static void Map(RouteGroupBuilder catalogs) => catalogs.MapDelete("/{id:guid}", HandleAsync)
        .RequireAuthorization(PlatformPolicies.OrganizationAdmin);

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, CurrentUser me, CatalogsDbContext db, HttpContext http, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var catalog = await db.LockAsync(id, me.OrganizationId, ct);
        if (catalog is null)
            return Problems.NotFound("The catalog");
        if (!EntityVersions.IfMatchAllows(http.Request, catalog.Version))
            return EntityVersions.PreconditionFailed(http.Response, catalog.Version, "catalog");

        // Columns and items go with it (ON DELETE CASCADE), in the same statement.
        await db.Catalogs.Where(c => c.Id == catalog.Id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
