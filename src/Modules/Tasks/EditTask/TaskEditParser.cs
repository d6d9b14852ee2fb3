using System.Globalization;
using System.Text.Json;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.EditTask;

/// <summary>
/// Reads a PATCH body. A property that is absent leaves the field alone; a property set to null
/// clears it — a distinction a plain DTO cannot make. Unknown properties are errors, so a typo
/// ("asignee") is reported instead of silently ignored.
/// </summary>
internal static class TaskEditParser
{
    private static readonly HashSet<string> Known = ["title", "description", "assigneeId", "dueDate", "dueAt", "durationMinutes", "text"];

    public static (TaskEdit Edit, FieldErrors Errors) Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        var edit = new TaskEdit();
        if (body.ValueKind != JsonValueKind.Object)
            return (edit, errors.Add("", "The body must be a JSON object."));

        foreach (var property in body.EnumerateObject().Where(p => !Known.Contains(p.Name)))
            errors.Add(property.Name, "is not a field of a task.");

        if (body.TryGetProperty("title", out var title))
        {
            var value = title.ValueKind == JsonValueKind.String ? title.GetString() : null;
            errors.Required("title", value, WorkTask.MaxTitleLength);
            edit = edit with { Title = Optional<string>.Of(value ?? "") };
        }
        if (body.TryGetProperty("description", out var description))
        {
            var value = description.ValueKind == JsonValueKind.Null ? "" : description.ValueKind == JsonValueKind.String ? description.GetString()! : null;
            if (value is null)
                errors.Add("description", "must be a string.");
            else
                errors.Optional("description", value, WorkTask.MaxDescriptionLength);
            edit = edit with { Description = Optional<string>.Of(value ?? "") };
        }
        if (body.TryGetProperty("assigneeId", out var assignee))
        {
            Guid? value = assignee.ValueKind == JsonValueKind.Null ? null : assignee.ValueKind == JsonValueKind.String && Guid.TryParse(assignee.GetString(), out var g) ? g : Guid.Empty;
            if (value == Guid.Empty)
                errors.Add("assigneeId", "must be a user id or null.");
            edit = edit with { AssigneeId = Optional<Guid?>.Of(value) };
        }
        if (ParseDue(body, errors) is { } due)
            edit = edit with { Due = due };
        if (body.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            errors.Optional("text", text.GetString(), TaskComment.MaxTextLength);
            edit = edit with { Text = text.GetString() };
        }
        return (edit, errors);
    }

    /// <summary>dueDate (a day) or dueAt (a moment, optionally with durationMinutes); both null clears.</summary>
    private static Optional<Due?>? ParseDue(JsonElement body, FieldErrors errors)
    {
        var hasDate = body.TryGetProperty("dueDate", out var date);
        var hasAt = body.TryGetProperty("dueAt", out var at);
        var hasDuration = body.TryGetProperty("durationMinutes", out var duration);
        if (!hasDate && !hasAt && !hasDuration)
            return null;

        DateOnly? day = null;
        DateTimeOffset? moment = null;
        int? minutes = null;
        if (hasDate && date.ValueKind != JsonValueKind.Null)
        {
            if (date.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(date.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                day = d;
            else
                errors.Add("dueDate", "must be a date (yyyy-MM-dd) or null.");
        }
        if (hasAt && at.ValueKind != JsonValueKind.Null)
        {
            if (at.ValueKind == JsonValueKind.String && at.TryGetDateTimeOffset(out var m))
                moment = m.ToUniversalTime();
            else
                errors.Add("dueAt", "must be an ISO 8601 date-time with offset, or null.");
        }
        if (hasDuration && duration.ValueKind != JsonValueKind.Null)
        {
            if (duration.ValueKind == JsonValueKind.Number && duration.TryGetInt32(out var n) && n is >= 1 and <= 14 * 24 * 60)
                minutes = n;
            else
                errors.Add("durationMinutes", "must be between 1 and 20160, or null.");
        }
        if (day is not null && moment is not null)
            errors.Add("dueDate", "give either dueDate (a whole day) or dueAt (a moment), not both.");
        if (minutes is not null && moment is null)
            errors.Add("durationMinutes", "needs dueAt.");
        return Optional<Due?>.Of(day is null && moment is null ? null : new Due(day, moment, minutes));
    }
}
