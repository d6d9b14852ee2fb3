using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Catalogs.Data;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs.DiffCatalog;

/// <summary>A partial change: items to add or replace (by key), keys to delete. Headers stay as they are.</summary>
internal sealed record DiffCatalogRequest(IReadOnlyList<ItemRequest?>? Upsert, IReadOnlyList<string?>? Delete);

internal static class DiffCatalogEndpoint
{
    // A POST: with an Idempotency-Key it is applied exactly once, and the gateway may retry it.
    public static void Map(RouteGroupBuilder catalogs) => catalogs.MapPost("/{id:guid}/diff", HandleAsync)
        .RequireAuthorization(PlatformPolicies.OrganizationAdmin)
        .AddEndpointFilter<IdempotencyFilter<CatalogsDbContext>>();

    private static async Task<Results<Ok<ChangeResultResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, DiffCatalogRequest request, CurrentUser me, CatalogsDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors(FieldErrors.BulkMaxReported);
        var deletes = CatalogInput.Keys("delete", request.Delete, errors);
        if (request.Upsert?.Count > CatalogLimits.MaxItems)
            errors.Add("upsert", $"must have at most {CatalogLimits.MaxItems} items (it has {request.Upsert.Count}).");
        if (errors.Any)
            return errors.ToProblem();

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        var catalog = await db.LockAsync(id, me.OrganizationId, ct);
        if (catalog is null)
            return Problems.NotFound("The catalog");
        if (!EntityVersions.IfMatchAllows(http.Request, catalog.Version))
            return EntityVersions.PreconditionFailed(http.Response, catalog.Version, "catalog");

        // Items are validated against the catalog's current columns, so only now.
        var columnIds = catalog.OrderedColumns.Select(c => c.Id).ToList();
        var upserts = CatalogInput.Items("upsert", request.Upsert, columnIds.Count, errors);
        // Checked on what was sent, valid or not, so one answer lists every problem.
        var upsertKeys = (request.Upsert ?? []).Select(u => u?.Values is { Count: > 0 } values ? values[0]?.Trim() : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < request.Delete?.Count; i++)
        {
            if (request.Delete[i]?.Trim() is { Length: > 0 } key && upsertKeys.Contains(key))
                errors.Add($"delete[{i}]", "is also in upsert; an item is either upserted or deleted.");
        }
        if (errors.Any)
            return errors.ToProblem();

        if (catalog.ItemCount + upserts!.Count > CatalogLimits.MaxItems)
        {
            var existingUpserts = await CatalogItemWriter.CountExistingAsync(db, catalog.Id, upserts.Select(u => u.Key).ToList(), ct);
            var existingDeletes = await CatalogItemWriter.CountExistingAsync(db, catalog.Id, deletes!, ct);
            var after = catalog.ItemCount + upserts.Count - existingUpserts - existingDeletes;
            if (after > CatalogLimits.MaxItems)
                return Problems.Invalid("upsert", $"would make the catalog {after} items long; a catalog has at most {CatalogLimits.MaxItems}.");
        }

        var now = time.GetUtcNowForDatabase();
        var rows = ItemRows.From(upserts, columnIds);
        var counts = await CatalogItemWriter.WriteAsync(db, catalog.Id, rows, ItemWriteMode.Merge, deletes!, [], now, ct);
        if (counts.AnyChange)
            catalog.Changed(catalog.ItemCount + counts.Added - counts.Deleted, now);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
            await transaction.CommitAsync(ct);

        EntityVersions.SetETag(http.Response, catalog.Version);
        return TypedResults.Ok(ChangeResultResponse.From(catalog, counts));
    }
}
