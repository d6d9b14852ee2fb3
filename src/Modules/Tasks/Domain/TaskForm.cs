using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Modules.Forms.Contracts;

namespace Platform.Modules.Tasks.Domain;

/// <summary>Refused for lack of a right (403), e.g. approving when not an approver of the step.</summary>
internal sealed class TaskForbiddenException(string message) : Exception(message);

/// <summary>Field values refused (400 with field paths).</summary>
internal sealed class TaskFieldsException(IReadOnlyList<FieldError> errors) : Exception("The field values are invalid.")
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>
/// The form part of a form task: the pinned template version, the values, the route state, and
/// the approvers the current step is waiting for (a column, so the inbox can find them).
/// </summary>
internal static class TaskFormJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(RouteState state) => JsonSerializer.Serialize(state, Options);

    public static RouteState Deserialize(string json) => JsonSerializer.Deserialize<RouteState>(json, Options)!;

    /// <summary>The previous values with the given ones laid over them (a field given as null is cleared).</summary>
    public static JsonElement Merge(JsonElement previous, JsonElement changes)
    {
        var merged = JsonNode.Parse(previous.GetRawText())!.AsObject();
        foreach (var property in changes.EnumerateObject())
            merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        return JsonSerializer.SerializeToElement(merged);
    }

    /// <summary>Field codes whose value differs between two value documents.</summary>
    public static IReadOnlyList<FieldChange> Diff(JsonElement before, JsonElement after)
    {
        var codes = before.EnumerateObject().Select(p => p.Name).Union(after.EnumerateObject().Select(p => p.Name)).Order(StringComparer.Ordinal);
        var changes = new List<FieldChange>();
        foreach (var code in codes)
        {
            var from = before.TryGetProperty(code, out var a) && a.ValueKind != JsonValueKind.Null ? a.GetRawText() : null;
            var to = after.TryGetProperty(code, out var b) && b.ValueKind != JsonValueKind.Null ? b.GetRawText() : null;
            if (from != to)
                changes.Add(new FieldChange("fields." + code, Shorten(from), Shorten(to)));
        }
        return changes;
    }

    private static string? Shorten(string? json) => json is { Length: > 500 } ? json[..500] + "…" : json;
}
