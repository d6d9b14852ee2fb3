using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Catalogs.Data;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs.ListCatalogs;

internal static class ListCatalogsEndpoint
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static void Map(RouteGroupBuilder catalogs) => catalogs.MapGet("/", HandleAsync);

    /// <summary>The organisation's catalogs by name, keyset-paged on (name, id), with their item counts.</summary>
    private static async Task<Results<Ok<CatalogListResponse>, ValidationProblem>> HandleAsync(
        CurrentUser me, CatalogsDbContext db, CancellationToken ct, int? limit = null, string? after = null)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
            return Problems.Invalid("limit", $"must be between 1 and {MaxLimit}.");
        TextCursor? cursor = null;
        if (after is not null)
        {
            if (!TextCursor.TryDecode(after, CatalogLimits.MaxNameLength, out var decoded))
                return Problems.Invalid("after", "is not a cursor returned by this endpoint.");
            cursor = decoded;
        }

        // Row-value comparison keeps the keyset condition index-friendly; EF cannot express it.
        var page = await db.Catalogs.FromSqlInterpolated($"""
                SELECT c.* FROM catalogs.catalogs c
                WHERE c.organization_id = {me.OrganizationId}
                  AND ({cursor == null} OR (c.name, c.id) > ({cursor?.Text ?? string.Empty}, {cursor?.Id ?? Guid.Empty}))
                ORDER BY c.name, c.id
                LIMIT {take + 1}
                """)
            .AsNoTracking()
            .Select(c => new CatalogSummaryResponse(c.Id, c.Name, c.Version, c.ItemCount, c.CreatedAt, c.UpdatedAt))
            .ToListAsync(ct);

        var items = page.Take(take).ToList();
        var next = page.Count > take ? new TextCursor(items[^1].Name, items[^1].Id).Encode() : null;
        return TypedResults.Ok(new CatalogListResponse(items, next));
    }
}
