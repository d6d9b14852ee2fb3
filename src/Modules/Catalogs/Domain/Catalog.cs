namespace Platform.Modules.Catalogs.Domain;

/// <summary>The soft limits every change is validated against (see docs/catalogs.md).</summary>
internal static class CatalogLimits
{
    public const int MaxNameLength = 200;
    public const int MaxColumns = 50;
    public const int MaxColumnNameLength = 200;
    public const int MaxValueLength = 2000;
    /// <summary>
    /// The key is indexed, and a PostgreSQL B-tree entry holds at most ~2.7 kB: 500 characters
    /// stay below that even when every character takes 4 bytes in UTF-8.
    /// </summary>
    public const int MaxKeyLength = 500;
    public const int MaxItems = 100_000;
}

internal static class ColumnTypes
{
    public const string Text = "text";

    public static IReadOnlyList<string> All { get; } = [Text];
}

/// <summary>
/// A catalog: a reference table (Pyrus "справочник") that form fields pick values from. Its
/// columns are ordered; the first one is the key. Every change increments <see cref="Version"/>,
/// which is also the ETag clients use for optimistic concurrency.
/// </summary>
internal sealed class Catalog
{
    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; } = null!;
    public long Version { get; private set; }
    /// <summary>Kept in step with the items in the same transaction, so lists need no COUNT(*).</summary>
    public int ItemCount { get; private set; }
    /// <summary>Column ids are never reused, so a stale cell of a removed column can never reappear.</summary>
    public int NextColumnId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public List<CatalogColumn> Columns { get; private set; } = [];

    private Catalog() { }

    public IReadOnlyList<CatalogColumn> OrderedColumns => Columns.OrderBy(c => c.Ordinal).ToList();

    public static Catalog Create(Guid organizationId, string name, IReadOnlyList<HeaderInput> headers, DateTimeOffset now)
    {
        var catalog = new Catalog
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Name = name.Trim(),
            Version = 1,
            NextColumnId = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        catalog.ApplyColumns(CatalogHeaders.Plan([], headers, catalog.NextColumnId));
        return catalog;
    }

    /// <summary>Makes the columns what the plan says (ids kept for matched columns).</summary>
    public void ApplyColumns(ColumnPlan plan)
    {
        Columns.RemoveAll(c => plan.RemovedIds.Contains(c.Id));
        for (var ordinal = 0; ordinal < plan.Columns.Count; ordinal++)
        {
            var planned = plan.Columns[ordinal];
            var column = Columns.FirstOrDefault(c => c.Id == planned.Id);
            if (column is null)
                Columns.Add(new CatalogColumn(Id, planned.Id, ordinal, planned.Name, planned.Type));
            else
                column.Update(ordinal, planned.Name, planned.Type);
        }
        NextColumnId = plan.NextColumnId;
    }

    /// <summary>Records a change: a new version, and the item count after it.</summary>
    public void Changed(int itemCount, DateTimeOffset now)
    {
        Version++;
        ItemCount = itemCount;
        UpdatedAt = now;
    }

    /// <summary>The item count of a brand-new catalog (still version 1).</summary>
    public void Filled(int itemCount) => ItemCount = itemCount;
}

internal sealed class CatalogColumn(Guid catalogId, int id, int ordinal, string name, string type)
{
    public Guid CatalogId { get; private set; } = catalogId;
    /// <summary>Stable within the catalog: a rename or a move keeps it; cells are stored by it.</summary>
    public int Id { get; private set; } = id;
    public int Ordinal { get; private set; } = ordinal;
    public string Name { get; private set; } = name;
    public string Type { get; private set; } = type;

    public void Update(int ordinal, string name, string type)
    {
        Ordinal = ordinal;
        Name = name;
        Type = type;
    }
}

/// <summary>
/// One row. <see cref="Key"/> is the first column's value (trimmed), unique within the catalog;
/// <see cref="Cells"/> is a jsonb object from column id to value, empty values left out.
/// </summary>
internal sealed class CatalogItem
{
    public Guid Id { get; private set; }
    public Guid CatalogId { get; private set; }
    public string Key { get; private set; } = null!;
    public string Cells { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private CatalogItem() { }
}
