namespace Platform.Modules.Catalogs.Domain;

/// <summary>A validated column header from a request: trimmed name, known type.</summary>
internal sealed record HeaderInput(string Name, string Type);

internal sealed record PlannedColumn(int Id, string Name, string Type);

/// <summary>
/// The columns a catalog will have after a change, in order (the first is the key), and what that
/// means for the stored cells: <see cref="RemovedIds"/> are dropped from every item.
/// </summary>
internal sealed record ColumnPlan(IReadOnlyList<PlannedColumn> Columns, IReadOnlyList<int> RemovedIds, IReadOnlyList<int> AddedIds, int NextColumnId, bool Changed)
{
    public IReadOnlyList<int> ColumnIds => Columns.Select(c => c.Id).ToList();
}

/// <summary>Pure planning of header changes; no I/O, so it is unit-tested on its own.</summary>
internal static class CatalogHeaders
{
    /// <summary>
    /// Matches the requested headers to the existing columns by name (ignoring case, so a change
    /// of spelling is a rename that keeps the values); unmatched requested headers are new
    /// columns, unmatched existing columns are removed. Order is the request's.
    /// </summary>
    public static ColumnPlan Plan(IReadOnlyList<CatalogColumn> existing, IReadOnlyList<HeaderInput> requested, int nextColumnId)
    {
        var byName = new Dictionary<string, CatalogColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in existing)
            byName.TryAdd(column.Name, column);

        var ordered = existing.OrderBy(c => c.Ordinal).ToList();
        var columns = new List<PlannedColumn>(requested.Count);
        var added = new List<int>();
        var matched = new HashSet<int>();
        var changed = false;
        for (var i = 0; i < requested.Count; i++)
        {
            var header = requested[i];
            if (byName.TryGetValue(header.Name, out var current) && matched.Add(current.Id))
            {
                columns.Add(new PlannedColumn(current.Id, header.Name, header.Type));
                changed |= i >= ordered.Count || ordered[i].Id != current.Id
                    || !string.Equals(current.Name, header.Name, StringComparison.Ordinal)
                    || !string.Equals(current.Type, header.Type, StringComparison.Ordinal);
            }
            else
            {
                var id = nextColumnId++;
                columns.Add(new PlannedColumn(id, header.Name, header.Type));
                added.Add(id);
                changed = true;
            }
        }
        var removed = existing.Where(c => !matched.Contains(c.Id)).Select(c => c.Id).Order().ToList();
        changed |= removed.Count > 0;
        return new ColumnPlan(columns, removed, added, nextColumnId, changed);
    }
}
