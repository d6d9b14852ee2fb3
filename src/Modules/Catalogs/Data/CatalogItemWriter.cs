using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs.Data;

/// <summary>An item ready to be written: its key and its cells as jsonb text (see <see cref="CatalogCells"/>).</summary>
internal sealed record ItemRow(string Key, string Cells);

internal readonly record struct ItemCounts(int Added, int Updated, int Deleted, int Unchanged)
{
    public bool AnyChange => Added + Updated + Deleted > 0;
}

internal enum ItemWriteMode
{
    /// <summary>Full sync: the rows are the whole catalog; every stored key not among them is deleted.</summary>
    Replace,
    /// <summary>Diff: the rows are upserted; only the listed keys are deleted.</summary>
    Merge,
}

/// <summary>
/// Writes a batch of items with ONE statement, whatever its size: the rows travel as three arrays
/// (ids, keys, cells), <c>unnest</c> turns them into a relation, and data-modifying CTEs delete,
/// update and insert against it with hash joins. All CTEs see the same snapshot, and the caller
/// holds the catalog's row lock, so nothing else changes the items meanwhile.
/// </summary>
internal static class CatalogItemWriter
{
    private const string Incoming = """
        WITH incoming AS MATERIALIZED (
            SELECT t.id, t.key COLLATE "C" AS key, t.cells
            FROM unnest(@ids, @keys, @cells) AS t(id, key, cells)
        ),
        """;

    private const string DeleteAbsent = """
        deleted AS (
            DELETE FROM catalogs.catalog_items i
            WHERE i.catalog_id = @catalog
              AND NOT EXISTS (SELECT 1 FROM incoming n WHERE n.key = i.key)
            RETURNING 1
        ),
        """;

    private const string DeleteListed = """
        deleted AS (
            DELETE FROM catalogs.catalog_items i
            WHERE i.catalog_id = @catalog AND i.key = ANY(@deletes)
            RETURNING 1
        ),
        """;

    // An item whose cells differ only in removed columns is rewritten (the stale cells go) but is
    // not counted as updated: in the catalog's new shape it did not change.
    private const string UpsertAndCount = """
        changed AS (
            SELECT i.id, n.cells, (i.cells - @removed) <> n.cells AS differs
            FROM catalogs.catalog_items i
            JOIN incoming n ON n.key = i.key
            WHERE i.catalog_id = @catalog AND i.cells <> n.cells
        ),
        updated AS (
            UPDATE catalogs.catalog_items i
            SET cells = c.cells, updated_at = CASE WHEN c.differs THEN @now ELSE i.updated_at END
            FROM changed c
            WHERE i.id = c.id
            RETURNING c.differs
        ),
        added AS (
            INSERT INTO catalogs.catalog_items (id, catalog_id, key, cells, created_at, updated_at)
            SELECT n.id, @catalog, n.key, n.cells, @now, @now
            FROM incoming n
            WHERE NOT EXISTS (SELECT 1 FROM catalogs.catalog_items i WHERE i.catalog_id = @catalog AND i.key = n.key)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM added)::int,
               (SELECT count(*) FROM updated WHERE differs)::int,
               (SELECT count(*) FROM deleted)::int
        """;

    private static readonly string ReplaceSql = Incoming + DeleteAbsent + UpsertAndCount;
    private static readonly string MergeSql = Incoming + DeleteListed + UpsertAndCount;

    public static async Task<ItemCounts> WriteAsync(
        CatalogsDbContext db, Guid catalogId, IReadOnlyList<ItemRow> rows, ItemWriteMode mode,
        IReadOnlyList<string> deleteKeys, IReadOnlyList<int> removedColumnIds, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not { } transaction)
            throw new InvalidOperationException("Items are written inside the transaction that holds the catalog's lock.");

        var ids = new Guid[rows.Count];
        var keys = new string[rows.Count];
        var cells = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            ids[i] = Guid.CreateVersion7(now);
            keys[i] = rows[i].Key;
            cells[i] = rows[i].Cells;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(mode == ItemWriteMode.Replace ? ReplaceSql : MergeSql, connection)
        {
            Transaction = (NpgsqlTransaction)transaction.GetDbTransaction(),
            // 100 000 items in one statement take seconds, not minutes; the default 30 s is for OLTP.
            CommandTimeout = 300,
        };
        command.Parameters.Add(new NpgsqlParameter<Guid>("catalog", NpgsqlDbType.Uuid) { TypedValue = catalogId });
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = keys });
        command.Parameters.Add(new NpgsqlParameter<string[]>("cells", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { TypedValue = cells });
        command.Parameters.Add(new NpgsqlParameter<string[]>("removed", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            TypedValue = removedColumnIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = now });
        if (mode == ItemWriteMode.Merge)
            command.Parameters.Add(new NpgsqlParameter<string[]>("deletes", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. deleteKeys] });

        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var added = reader.GetInt32(0);
        var updated = reader.GetInt32(1);
        var deleted = reader.GetInt32(2);
        return new ItemCounts(added, updated, deleted, rows.Count - added - updated);
    }

    /// <summary>How many of these keys the catalog has (for the item limit of a diff, before writing).</summary>
    public static async Task<int> CountExistingAsync(CatalogsDbContext db, Guid catalogId, IReadOnlyList<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
            return 0;
        var array = keys.ToArray();
        return await db.Items.CountAsync(i => i.CatalogId == catalogId && array.Contains(i.Key), ct);
    }
}

internal static class CatalogQueries
{
    /// <summary>
    /// Loads a catalog of the caller's organisation with its columns and locks its row until the
    /// transaction ends: changes to one catalog are serialised, and the version compared with
    /// If-Match cannot move before the change is written.
    /// </summary>
    public static async Task<Catalog?> LockAsync(this CatalogsDbContext db, Guid id, Guid organizationId, CancellationToken ct)
    {
        var found = await db.Catalogs
            .FromSqlInterpolated($"SELECT * FROM catalogs.catalogs WHERE id = {id} AND organization_id = {organizationId} FOR UPDATE")
            .ToListAsync(ct);
        if (found.Count == 0)
            return null;
        await db.Columns.Where(c => c.CatalogId == id).LoadAsync(ct);
        return found[0];
    }

    /// <summary>
    /// A transaction of our own, unless the Idempotency-Key filter already opened one (then the
    /// change and the stored response commit together, and the filter commits).
    /// </summary>
    public static async Task<IDbContextTransaction?> BeginUnlessInTransactionAsync(this CatalogsDbContext db, CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
}

internal static class ItemRows
{
    public static List<ItemRow> From(IReadOnlyList<ParsedItem> items, IReadOnlyList<int> columnIds)
    {
        var rows = new List<ItemRow>(items.Count);
        foreach (var item in items)
            rows.Add(new ItemRow(item.Key, CatalogCells.ToJson(columnIds, item.Values)));
        return rows;
    }
}
