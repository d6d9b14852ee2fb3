using Platform.BuildingBlocks.Web;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs;

internal sealed record HeaderRequest(string? Name, string? Type);

/// <summary>An item as clients send it: one value per column, in column order; the first is the key.</summary>
internal sealed record ItemRequest(IReadOnlyList<string?>? Values);

/// <summary>An item that passed validation: <see cref="Values"/>[0] is <see cref="Key"/> (trimmed).</summary>
internal sealed record ParsedItem(string Key, string[] Values);

/// <summary>
/// Validation of what clients send, with field paths a client can point at
/// (<c>items[3].values[1]</c>). Pure: unit-tested without a database.
/// </summary>
internal static class CatalogInput
{
    public static string? Name(string? name, FieldErrors errors)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            errors.Add("name", "is required.");
        else if (trimmed.Length > CatalogLimits.MaxNameLength)
            errors.Add("name", $"must be at most {CatalogLimits.MaxNameLength} characters.");
        else if (!IsStorable(trimmed))
            errors.Add("name", "must not contain the NUL character or broken UTF-16.");
        else
            return trimmed;
        return null;
    }

    public static List<HeaderInput>? Headers(IReadOnlyList<HeaderRequest?>? headers, FieldErrors errors)
    {
        if (headers is null || headers.Count == 0)
        {
            errors.Add("headers", "at least one column is required; the first column is the key.");
            return null;
        }
        if (headers.Count > CatalogLimits.MaxColumns)
        {
            errors.Add("headers", $"must have at most {CatalogLimits.MaxColumns} columns (it has {headers.Count}).");
            return null;
        }

        var result = new List<HeaderInput>(headers.Count);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var before = errors.Count;
        for (var i = 0; i < headers.Count; i++)
        {
            var path = $"headers[{i}]";
            var name = headers[i]?.Name?.Trim();
            var type = string.IsNullOrWhiteSpace(headers[i]?.Type) ? ColumnTypes.Text : headers[i]!.Type!.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(name))
                errors.Add($"{path}.name", "is required.");
            else if (name.Length > CatalogLimits.MaxColumnNameLength)
                errors.Add($"{path}.name", $"must be at most {CatalogLimits.MaxColumnNameLength} characters.");
            else if (!IsStorable(name))
                errors.Add($"{path}.name", "must not contain the NUL character or broken UTF-16.");
            else if (seen.TryGetValue(name, out var first))
                errors.Add($"{path}.name", $"duplicates headers[{first}].name (column names are compared ignoring case).");
            else
                seen[name] = i;
            if (!ColumnTypes.All.Contains(type))
                errors.Add($"{path}.type", $"must be one of: {string.Join(", ", ColumnTypes.All)}.");
            result.Add(new HeaderInput(name ?? string.Empty, type));
        }
        return errors.Count == before ? result : null;
    }

    /// <param name="field">the collection's name in the request: <c>items</c> or <c>upsert</c>.</param>
    public static List<ParsedItem>? Items(string field, IReadOnlyList<ItemRequest?>? items, int columnCount, FieldErrors errors)
    {
        if (items is null)
            return [];
        if (items.Count > CatalogLimits.MaxItems)
        {
            errors.Add(field, $"must have at most {CatalogLimits.MaxItems} items (it has {items.Count}).");
            return null;
        }

        var parsed = new List<ParsedItem>(items.Count);
        var firstIndexOfKey = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        var before = errors.Count;
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            var source = items[i]?.Values;
            if (source is null)
            {
                errors.Add($"{path}.values", "is required.");
                continue;
            }
            if (source.Count != columnCount)
            {
                errors.Add($"{path}.values", $"must have {columnCount} value(s), one per column (it has {source.Count}).");
                continue;
            }

            var values = new string[columnCount];
            var valid = true;
            for (var j = 0; j < columnCount; j++)
            {
                var value = j == 0 ? source[j]?.Trim() ?? string.Empty : source[j] ?? string.Empty;
                var message = j == 0 && value.Length == 0 ? "is required: the first column is the item's key."
                    : j == 0 && value.Length > CatalogLimits.MaxKeyLength ? $"must be at most {CatalogLimits.MaxKeyLength} characters (it is the item's key)."
                    : value.Length > CatalogLimits.MaxValueLength ? $"must be at most {CatalogLimits.MaxValueLength} characters."
                    : !IsStorable(value) ? "must not contain the NUL character or broken UTF-16."
                    : null;
                if (message is not null)
                {
                    errors.Add($"{path}.values[{j}]", message);
                    valid = false;
                }
                values[j] = value;
            }
            if (!valid)
                continue;
            if (firstIndexOfKey.TryGetValue(values[0], out var first))
            {
                errors.Add($"{path}.values[0]", $"duplicates the key of {field}[{first}]; keys are unique within a catalog.");
                continue;
            }
            firstIndexOfKey[values[0]] = i;
            parsed.Add(new ParsedItem(values[0], values));
        }
        return errors.Count == before ? parsed : null;
    }

    /// <summary>Keys to delete: trimmed, distinct; empty or over-long keys are errors.</summary>
    public static List<string>? Keys(string field, IReadOnlyList<string?>? keys, FieldErrors errors)
    {
        if (keys is null)
            return [];
        if (keys.Count > CatalogLimits.MaxItems)
        {
            errors.Add(field, $"must have at most {CatalogLimits.MaxItems} keys (it has {keys.Count}).");
            return null;
        }
        var result = new List<string>(keys.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var before = errors.Count;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i]?.Trim();
            if (string.IsNullOrEmpty(key))
                errors.Add($"{field}[{i}]", "is required.");
            else if (key.Length > CatalogLimits.MaxKeyLength)
                errors.Add($"{field}[{i}]", $"must be at most {CatalogLimits.MaxKeyLength} characters.");
            else if (seen.Add(key))
                result.Add(key);
        }
        return errors.Count == before ? result : null;
    }

    /// <summary>
    /// PostgreSQL stores neither U+0000 in text/jsonb nor unpaired surrogates (they have no UTF-8
    /// form); catching them here turns a database error into a field error.
    /// </summary>
    public static bool IsStorable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
                return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                    return false;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }
}
