using Microsoft.EntityFrameworkCore;
using Platform.Modules.Catalogs.Contracts;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs.Data;

internal sealed class CatalogLookup(CatalogsDbContext db) : ICatalogLookup
{
    public Task<bool> ItemExistsAsync(Guid organizationId, Guid catalogId, string key, CancellationToken ct)
    {
        var trimmed = key.Trim();
        return db.Items.AnyAsync(i => i.CatalogId == catalogId && i.Key == trimmed
            && db.Catalogs.Any(c => c.Id == catalogId && c.OrganizationId == organizationId), ct);
    }

    public async Task<CatalogItemSummary?> FindItemAsync(Guid organizationId, Guid catalogId, string key, CancellationToken ct)
    {
        var trimmed = key.Trim();
        var catalog = await db.Catalogs.AsNoTracking().Include(c => c.Columns)
            .FirstOrDefaultAsync(c => c.Id == catalogId && c.OrganizationId == organizationId, ct);
        if (catalog is null)
            return null;
        var item = await db.Items.AsNoTracking()
            .Where(i => i.CatalogId == catalogId && i.Key == trimmed)
            .Select(i => new { i.Id, i.Key, i.Cells })
            .FirstOrDefaultAsync(ct);
        if (item is null)
            return null;
        var columns = catalog.OrderedColumns;
        return new CatalogItemSummary(
            catalogId, item.Id, item.Key, columns.Select(c => c.Name).ToList(), CatalogCells.FromJson(item.Cells, columns.Select(c => c.Id).ToList()));
    }

    public async Task<IReadOnlyList<Guid>> FindCatalogsAsync(Guid organizationId, IReadOnlyCollection<Guid> catalogIds, CancellationToken ct) =>
        catalogIds.Count == 0 ? [] : await db.Catalogs.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && catalogIds.Contains(c.Id))
            .Select(c => c.Id)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<string>> FindKeysAsync(Guid organizationId, Guid catalogId, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var trimmed = keys.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (trimmed.Count == 0)
            return [];
        return await db.Items.AsNoTracking()
            .Where(i => i.CatalogId == catalogId && trimmed.Contains(i.Key)
                && db.Catalogs.Any(c => c.Id == catalogId && c.OrganizationId == organizationId))
            .Select(i => i.Key)
            .ToListAsync(ct);
    }
}
