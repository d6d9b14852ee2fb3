using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Catalogs.Data;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs.SyncCatalog;

/// <summary>The complete catalog: every header and every item (Pyrus "sync catalog").</summary>
internal sealed record SyncCatalogRequest(IReadOnlyList<HeaderRequest?>? Headers, IReadOnlyList<ItemRequest?>? Items);

internal static class SyncCatalogEndpoint
{
    public static void Map(RouteGroupBuilder catalogs) => catalogs.MapPut("/{id:guid}", HandleAsync)
        .RequireAuthorization(PlatformPolicies.OrganizationAdmin);

    /// <summary>
    /// Makes the catalog exactly what the request says, in one transaction: columns are matched by
    /// name (removed ones lose their values), items by key (absent ones are deleted, changed ones
    /// updated, new ones added). The version moves only if something changed.
    /// </summary>
    private static async Task<Results<Ok<ChangeResultResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, SyncCatalogRequest request, CurrentUser me, CatalogsDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors(FieldErrors.BulkMaxReported);
        var headers = CatalogInput.Headers(request.Headers, errors);
        if (request.Items is null)
            errors.Add("items", "is required: a sync sends every item of the catalog (send [] to remove them all).");
        var items = headers is null ? null : CatalogInput.Items("items", request.Items, headers.Count, errors);
        if (errors.Any)
            return errors.ToProblem();

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        var catalog = await db.LockAsync(id, me.OrganizationId, ct);
        if (catalog is null)
            return Problems.NotFound("The catalog");
        if (!EntityVersions.IfMatchAllows(http.Request, catalog.Version))
            return EntityVersions.PreconditionFailed(http.Response, catalog.Version, "catalog");

        var now = time.GetUtcNowForDatabase();
        var plan = CatalogHeaders.Plan(catalog.Columns, headers!, catalog.NextColumnId);
        catalog.ApplyColumns(plan);
        var rows = ItemRows.From(items!, plan.ColumnIds);
        var counts = await CatalogItemWriter.WriteAsync(db, catalog.Id, rows, ItemWriteMode.Replace, [], plan.RemovedIds, now, ct);
        if (plan.Changed || counts.AnyChange)
            catalog.Changed(rows.Count, now);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
            await transaction.CommitAsync(ct);

        EntityVersions.SetETag(http.Response, catalog.Version);
        return TypedResults.Ok(ChangeResultResponse.From(catalog, counts));
    }
}
