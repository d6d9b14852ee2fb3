namespace Platform.Modules.Catalogs.Contracts;

/// <summary>
/// One catalog item as other modules see it: its key (the first column's value) and every
/// column's value, in the catalog's column order (<see cref="Headers"/> and <see cref="Values"/>
/// have the same length; an empty cell is an empty string).
/// </summary>
public sealed record CatalogItemSummary(
    Guid CatalogId, Guid ItemId, string Key, IReadOnlyList<string> Headers, IReadOnlyList<string> Values);

/// <summary>
/// Read-only lookups of catalog items for other modules (a form field that references a catalog
/// validates its value here). Every call is scoped to one organisation: a catalog of another
/// organisation is simply not found. Keys are compared exactly (case-sensitive) after trimming.
/// </summary>
public interface ICatalogLookup
{
    Task<bool> ItemExistsAsync(Guid organizationId, Guid catalogId, string key, CancellationToken ct);

    Task<CatalogItemSummary?> FindItemAsync(Guid organizationId, Guid catalogId, string key, CancellationToken ct);

    /// <summary>The ids among <paramref name="catalogIds"/> that are catalogs of the organisation.</summary>
    Task<IReadOnlyList<Guid>> FindCatalogsAsync(Guid organizationId, IReadOnlyCollection<Guid> catalogIds, CancellationToken ct);

    /// <summary>
    /// The keys among <paramref name="keys"/> (trimmed) that are items of the catalog; empty when the
    /// catalog is not the organisation's. One round trip for a whole form's catalog values.
    /// </summary>
    Task<IReadOnlyList<string>> FindKeysAsync(Guid organizationId, Guid catalogId, IReadOnlyCollection<string> keys, CancellationToken ct);
}
