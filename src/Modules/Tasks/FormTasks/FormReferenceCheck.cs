using System.Text.Json;
using Platform.Modules.Catalogs.Contracts;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Identity.Contracts;

namespace Platform.Modules.Tasks.FormTasks;

/// <summary>
/// The checks against real data that the pure <see cref="FormValueValidator"/> leaves to the caller:
/// a person field holds a member of the organisation, a catalog field an existing item of its
/// catalog. One directory lookup for all people and one per catalog, whatever the number of values.
/// </summary>
internal sealed class FormReferenceCheck(IUserDirectory directory, ICatalogLookup catalogs)
{
    /// <param name="previous">The values before this change: only changed fields are checked (see <see cref="FormReferences.Collect"/>).</param>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(Guid organizationId, FormTemplateVersion template, JsonElement values, JsonElement? previous, CancellationToken ct)
    {
        var (people, items) = FormReferences.Collect(template, values, previous);
        var errors = new List<FieldError>();
        if (people.Count > 0)
        {
            var members = (await directory.FindManyAsync(organizationId, people.Select(p => p.UserId).Distinct().ToList(), ct)).Select(u => u.Id).ToHashSet();
            errors.AddRange(people.Where(p => !members.Contains(p.UserId))
                .Select(p => new FieldError(p.Path, $"{p.UserId} is not a member of your organisation.")));
        }
        foreach (var catalog in items.GroupBy(i => i.CatalogId))
        {
            var existing = (await catalogs.FindKeysAsync(organizationId, catalog.Key, catalog.Select(i => i.Key).Distinct(StringComparer.Ordinal).ToList(), ct))
                .ToHashSet(StringComparer.Ordinal);
            errors.AddRange(catalog.Where(i => !existing.Contains(i.Key))
                .Select(i => new FieldError(i.Path, $"\"{i.Key}\" is not an item of the field's catalog.")));
        }
        return errors;
    }
}
