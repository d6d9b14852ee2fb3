using Platform.Modules.Catalogs.Data;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs;

internal sealed record HeaderResponse(int Id, string Name, string Type)
{
    public static IReadOnlyList<HeaderResponse> From(Catalog catalog) =>
        catalog.OrderedColumns.Select(c => new HeaderResponse(c.Id, c.Name, c.Type)).ToList();
}

/// <summary>A catalog without its items (the answer to create).</summary>
internal sealed record CatalogResponse(
    Guid Id, string Name, long Version, int ItemCount, IReadOnlyList<HeaderResponse> Headers,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CatalogResponse From(Catalog c) => new(c.Id, c.Name, c.Version, c.ItemCount, HeaderResponse.From(c), c.CreatedAt, c.UpdatedAt);
}

internal sealed record CatalogSummaryResponse(Guid Id, string Name, long Version, int ItemCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record CatalogListResponse(IReadOnlyList<CatalogSummaryResponse> Items, string? NextCursor);

internal sealed record ItemResponse(Guid Id, string Key, IReadOnlyList<string> Values);

/// <summary>A catalog with one page of its items, in key order.</summary>
internal sealed record CatalogDetailsResponse(
    Guid Id, string Name, long Version, int ItemCount, IReadOnlyList<HeaderResponse> Headers,
    IReadOnlyList<ItemResponse> Items, string? NextCursor, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a sync or a diff did. <see cref="Unchanged"/> counts sent items that were already so.</summary>
internal sealed record ChangeResultResponse(long Version, int Added, int Updated, int Deleted, int Unchanged)
{
    public static ChangeResultResponse From(Catalog catalog, ItemCounts counts) =>
        new(catalog.Version, counts.Added, counts.Updated, counts.Deleted, counts.Unchanged);
}
