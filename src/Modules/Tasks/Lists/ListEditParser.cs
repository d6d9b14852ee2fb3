using System.Text.Json;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.Lists;

/// <summary>What a PATCH of a list asks to change; unset parts stay as they are.</summary>
internal sealed record ListEdit(Optional<string> Name, Optional<Guid?> ParentId);

/// <summary>
/// Reads a list PATCH body the way <see cref="EditTask.TaskEditParser"/> reads a task's: an absent
/// <c>parentId</c> leaves the list where it is, <c>"parentId": null</c> moves it to the top level —
/// a distinction a plain DTO cannot make. Unknown properties are errors, so a typo is reported.
/// </summary>
internal static class ListEditParser
{
    private static readonly HashSet<string> Known = ["name", "parentId"];

    public static (ListEdit Edit, FieldErrors Errors) Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        var edit = new ListEdit(Optional<string>.Unset, Optional<Guid?>.Unset);
        if (body.ValueKind != JsonValueKind.Object)
            return (edit, errors.Add("", "The body must be a JSON object."));

        foreach (var property in body.EnumerateObject().Where(p => !Known.Contains(p.Name)))
            errors.Add(property.Name, "is not a field of a list.");

        if (body.TryGetProperty("name", out var name))
        {
            var value = name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            errors.Required("name", value, TaskList.MaxNameLength);
            edit = edit with { Name = Optional<string>.Of(value?.Trim() ?? "") };
        }
        if (body.TryGetProperty("parentId", out var parent))
        {
            Guid? value = parent.ValueKind == JsonValueKind.Null ? null
                : parent.ValueKind == JsonValueKind.String && Guid.TryParse(parent.GetString(), out var id) ? id : Guid.Empty;
            if (value == Guid.Empty)
                errors.Add("parentId", "must be a list id, or null for the top level.");
            edit = edit with { ParentId = Optional<Guid?>.Of(value) };
        }
        return (edit, errors);
    }
}
