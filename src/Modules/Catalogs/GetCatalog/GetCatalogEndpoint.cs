using System.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Catalogs.Data;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs.GetCatalog;

internal static class GetCatalogEndpoint
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 5000;

    public static void Map(RouteGroupBuilder catalogs) => catalogs.MapGet("/{id:guid}", HandleAsync);

    /// <summary>The headers and one page of items in key order (byte order of UTF-8), keyset-paged by key.</summary>
    private static async Task<Results<Ok<CatalogDetailsResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, CurrentUser me, CatalogsDbContext db, HttpResponse response, CancellationToken ct, int? limit = null, string? after = null)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
            return Problems.Invalid("limit", $"must be between 1 and {MaxLimit}.");
        string? afterKey = null;
        if (after is not null)
        {
            // Keys are unique within a catalog: the key alone is the position (no id tie-breaker).
            if (!TextCursor.TryDecode(after, CatalogLimits.MaxKeyLength, out var cursor) || cursor.Text.Length == 0)
                return Problems.Invalid("after", "is not a cursor returned by this endpoint.");
            afterKey = cursor.Text;
        }

        // One snapshot for the catalog row and the page: the version (ETag) describes these items.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var catalog = await db.Catalogs.AsNoTracking().Include(c => c.Columns)
            .FirstOrDefaultAsync(c => c.Id == id && c.OrganizationId == me.OrganizationId, ct);
        if (catalog is null)
            return Problems.NotFound("The catalog");

        var query = db.Items.AsNoTracking().Where(i => i.CatalogId == catalog.Id);
        if (afterKey is not null)
            query = query.Where(i => i.Key.CompareTo(afterKey) > 0);
        var rows = await query.OrderBy(i => i.Key).Take(take + 1)
            .Select(i => new { i.Id, i.Key, i.Cells })
            .ToListAsync(ct);
        await transaction.CommitAsync(ct);

        var columnIds = catalog.OrderedColumns.Select(c => c.Id).ToList();
        var items = rows.Take(take).Select(r => new ItemResponse(r.Id, r.Key, CatalogCells.FromJson(r.Cells, columnIds))).ToList();
        var next = rows.Count > take ? new TextCursor(items[^1].Key, Guid.Empty).Encode() : null;
        EntityVersions.SetETag(response, catalog.Version);
        return TypedResults.Ok(new CatalogDetailsResponse(
            catalog.Id, catalog.Name, catalog.Version, catalog.ItemCount, HeaderResponse.From(catalog), items, next, catalog.CreatedAt, catalog.UpdatedAt));
    }
}
