using System.Text.Json;

namespace Platform.Modules.Forms.Contracts;

/// <summary>A person named in a values document, at its path (<c>fields.manager</c>, <c>fields.items[0].owner</c>).</summary>
public sealed record PersonReference(string Path, Guid UserId);

/// <summary>A catalog item named in a values document: the catalog the field points at, and the item key.</summary>
public sealed record CatalogReference(string Path, Guid CatalogId, string Key);

/// <summary>
/// The people and catalog items a values document refers to, for the caller to check against the
/// organisation (<see cref="FormValueValidator"/> is pure and checks only their shape). Pure.
/// </summary>
public static class FormReferences
{
    /// <summary>
    /// References in <paramref name="values"/>, already validated for shape. With
    /// <paramref name="previous"/>, only the fields whose value changed are read: a person who has
    /// since left the organisation must not block an edit of another field.
    /// </summary>
    public static (IReadOnlyList<PersonReference> People, IReadOnlyList<CatalogReference> CatalogItems) Collect(
        FormTemplateVersion template, JsonElement values, JsonElement? previous = null)
    {
        var people = new List<PersonReference>();
        var items = new List<CatalogReference>();
        foreach (var field in template.Fields)
        {
            var value = FormValueValidator.Get(values, field.Code);
            if (!FormValueValidator.IsSet(value))
                continue;
            if (previous is { } before && Same(value, FormValueValidator.Get(before, field.Code)))
                continue;
            var path = $"{FormValueValidator.Prefix}.{field.Code}";
            if (field.Type == FieldTypes.Table && value.ValueKind == JsonValueKind.Array)
            {
                var row = 0;
                foreach (var cells in value.EnumerateArray())
                {
                    foreach (var column in field.Columns ?? [])
                        Read(column, FormValueValidator.Get(cells, column.Code), $"{path}[{row}].{column.Code}", people, items);
                    row++;
                }
            }
            else
            {
                Read(field, value, path, people, items);
            }
        }
        return (people, items);
    }

    private static void Read(FormField field, JsonElement value, string path, List<PersonReference> people, List<CatalogReference> items)
    {
        if (value.ValueKind != JsonValueKind.String || !FormValueValidator.IsSet(value))
            return;
        if (field.Type == FieldTypes.Person && Guid.TryParse(value.GetString(), out var user))
            people.Add(new PersonReference(path, user));
        else if (field.Type == FieldTypes.Catalog && field.CatalogId is { } catalog)
            items.Add(new CatalogReference(path, catalog, value.GetString()!.Trim()));
    }

    private static bool Same(JsonElement a, JsonElement b) =>
        a.ValueKind == b.ValueKind && (a.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || JsonElement.DeepEquals(a, b));
}
