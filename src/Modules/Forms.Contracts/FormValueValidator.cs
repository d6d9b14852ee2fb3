using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Modules.Forms.Contracts;

/// <summary>An error in a values document, at a path like <c>fields.amount</c> or <c>fields.items[2].qty</c>.</summary>
public sealed record FieldError(string Path, string Message);

/// <summary>
/// Validates a form's values document against a template version, for the step the task is at.
/// Pure: no I/O, so whether a person or a catalog item exists is the caller's check.
/// <para>
/// The document is a JSON object keyed by field code. Representations: text / multiline_text /
/// email / phone / catalog (the item key) / person (a user id) / single_choice (an option id) →
/// string; number / money → number; date → <c>"yyyy-MM-dd"</c>; time → <c>"HH:mm"</c> or
/// <c>"HH:mm:ss"</c>; due_date → a date or an ISO 8601 date-time with offset; checkbox → boolean;
/// multiple_choice → array of option ids; file → array of file ids (strings); table → array of row
/// objects keyed by column code. <c>null</c>, an absent key, <c>""</c> and <c>[]</c> all mean
/// "not set". Layout fields (title, section) take no value.
/// </para>
/// <para>
/// <paramref name="step"/> is the task's current step (1-based; a closed task passes the step
/// count + 1). A field is required when <c>RequiredFromStep &lt;= step</c>; it is read-only when
/// <c>ReadOnlyFromStep &lt;= step</c>, and then any difference from <paramref name="previous"/> (the
/// values before this change; null for a new task) is an error.
/// </para>
/// </summary>
public static partial class FormValueValidator
{
    public const string Prefix = "fields";
    public const int MaxTextLength = 10_000;
    public const int MaxTableRows = 1_000;

    public static IReadOnlyList<FieldError> Validate(FormTemplateVersion template, JsonElement values, int step, JsonElement? previous = null)
    {
        var errors = new List<FieldError>();
        if (values.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            errors.Add(new FieldError(Prefix, "must be an object keyed by field code."));
            return errors;
        }
        var before = previous is { ValueKind: JsonValueKind.Object } p ? p : default;
        ValidateObject(template.Fields, values, before, step, Prefix, errors);
        return errors;
    }

    private static void ValidateObject(IReadOnlyList<FormField> fields, JsonElement values, JsonElement previous, int step, string prefix, List<FieldError> errors)
    {
        if (values.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in values.EnumerateObject())
            {
                if (!fields.Any(f => f.Code == property.Name))
                    errors.Add(new FieldError($"{prefix}.{property.Name}", "is not a field of this form."));
            }
        }
        foreach (var field in fields)
        {
            var path = $"{prefix}.{field.Code}";
            var value = Get(values, field.Code);
            var old = Get(previous, field.Code);
            if (FieldTypes.IsLayout(field.Type))
            {
                if (IsSet(value))
                    errors.Add(new FieldError(path, "is a layout field and takes no value."));
                continue;
            }
            if (field.ReadOnlyFromStep is { } readOnly && readOnly <= step && !SameValue(value, old))
            {
                errors.Add(new FieldError(path, $"is read-only from step {readOnly} and cannot be changed."));
                continue;
            }
            if (!IsSet(value))
            {
                if (field.RequiredFromStep is { } required && required <= step)
                    errors.Add(new FieldError(path, $"is required from step {required}."));
                continue;
            }
            ValidateValue(field, value, old, step, path, errors);
        }
    }

    private static void ValidateValue(FormField field, JsonElement value, JsonElement old, int step, string path, List<FieldError> errors)
    {
        string? problem = field.Type switch
        {
            FieldTypes.Text or FieldTypes.MultilineText => String(value, MaxTextLength),
            FieldTypes.Number => Number(field, value, field.Decimals),
            FieldTypes.Money => Number(field, value, 2),
            FieldTypes.Date => value.ValueKind == JsonValueKind.String && IsDate(value.GetString()!) ? null : "must be a date (yyyy-MM-dd).",
            FieldTypes.Time => value.ValueKind == JsonValueKind.String && IsTime(value.GetString()!) ? null : "must be a time (HH:mm or HH:mm:ss).",
            FieldTypes.DueDate => value.ValueKind == JsonValueKind.String && (IsDate(value.GetString()!) || IsDateTime(value.GetString()!))
                ? null : "must be a date (yyyy-MM-dd) or a date-time with offset (ISO 8601).",
            FieldTypes.Checkbox => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false.",
            FieldTypes.SingleChoice => value.ValueKind == JsonValueKind.String && HasOption(field, value.GetString()!)
                ? null : "must be the id of one of the field's options.",
            FieldTypes.MultipleChoice => MultipleChoice(field, value),
            FieldTypes.Person => value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out _) ? null : "must be a person id.",
            FieldTypes.Catalog => String(value, 500),
            FieldTypes.File => Files(value),
            FieldTypes.Email => value.ValueKind == JsonValueKind.String && EmailPattern().IsMatch(value.GetString()!) && value.GetString()!.Length <= 254
                ? null : "must be an e-mail address.",
            FieldTypes.Phone => value.ValueKind == JsonValueKind.String && IsPhone(value.GetString()!) ? null : "must be a phone number (digits, optionally +, spaces, dashes, parentheses).",
            FieldTypes.Table => null,
            _ => "has a type this validator does not know.",
        };
        if (problem is not null)
        {
            errors.Add(new FieldError(path, problem));
            return;
        }
        if (field.Type == FieldTypes.Table)
            ValidateTable(field, value, old, step, path, errors);
    }

    private static void ValidateTable(FormField field, JsonElement value, JsonElement old, int step, string path, List<FieldError> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(path, "must be an array of rows."));
            return;
        }
        var rows = value.GetArrayLength();
        if (rows > MaxTableRows)
        {
            errors.Add(new FieldError(path, $"must have at most {MaxTableRows} rows."));
            return;
        }
        var columns = field.Columns ?? [];
        var index = 0;
        foreach (var row in value.EnumerateArray())
        {
            var rowPath = $"{path}[{index}]";
            var oldRow = old.ValueKind == JsonValueKind.Array && index < old.GetArrayLength() ? old[index] : default;
            if (row.ValueKind != JsonValueKind.Object)
                errors.Add(new FieldError(rowPath, "must be an object keyed by column code."));
            else
                ValidateObject(columns, row, oldRow, step, rowPath, errors);
            index++;
        }
        // Rows removed from under a read-only column change it as well.
        if (old.ValueKind == JsonValueKind.Array && old.GetArrayLength() > rows)
        {
            foreach (var column in columns.Where(c => c.ReadOnlyFromStep is { } r && r <= step))
            {
                for (var i = rows; i < old.GetArrayLength(); i++)
                {
                    if (IsSet(Get(old[i], column.Code)))
                        errors.Add(new FieldError($"{path}[{i}].{column.Code}", $"is read-only from step {column.ReadOnlyFromStep} and cannot be removed."));
                }
            }
        }
    }

    private static string? String(JsonElement value, int maxLength) =>
        value.ValueKind != JsonValueKind.String ? "must be a string."
        : value.GetString()!.Length > maxLength ? $"must be at most {maxLength} characters."
        : null;

    private static string? Number(FormField field, JsonElement value, int? decimals)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
            return "must be a number.";
        if (decimals is { } d && Scale(number) > d)
            return d == 0 ? "must be a whole number." : $"must have at most {d} digits after the decimal point.";
        if (field.Min is { } min && number < min)
            return $"must be at least {min.ToString(CultureInfo.InvariantCulture)}.";
        if (field.Max is { } max && number > max)
            return $"must be at most {max.ToString(CultureInfo.InvariantCulture)}.";
        return null;
    }

    /// <summary>Significant digits after the point: 1.50 has 1.</summary>
    public static int Scale(decimal number)
    {
        var scale = 0;
        var n = Math.Abs(number);
        while (n != decimal.Truncate(n) && scale < 28)
        {
            n = (n - decimal.Truncate(n)) * 10;
            scale++;
        }
        return scale;
    }

    private static string? MultipleChoice(FormField field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
            return "must be an array of option ids.";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !HasOption(field, item.GetString()!))
                return "must contain only ids of the field's options.";
            if (!seen.Add(item.GetString()!))
                return "must not contain an option twice.";
        }
        return null;
    }

    private static string? Files(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
            return "must be an array of file ids.";
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()) || item.GetString()!.Length > 200)
                return "must contain only file ids (non-empty strings of at most 200 characters).";
        }
        return null;
    }

    private static bool HasOption(FormField field, string id) => field.Options?.Any(o => o.Id == id) == true;

    public static bool IsDate(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsTime(string s) =>
        TimeOnly.TryParseExact(s, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsDateTime(string s) =>
        s.Length > 10 && s[10] == 'T' && (s.EndsWith('Z') || s.LastIndexOfAny(['+', '-']) > 10)
        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsPhone(string s)
    {
        if (s.Length > 32 || !PhonePattern().IsMatch(s))
            return false;
        var digits = s.Count(char.IsAsciiDigit);
        return digits is >= 5 and <= 20;
    }

    /// <summary>The value of <paramref name="code"/> in an object (Undefined when absent or not an object).</summary>
    public static JsonElement Get(JsonElement values, string code) =>
        values.ValueKind == JsonValueKind.Object && values.TryGetProperty(code, out var value) ? value : default;

    /// <summary>False for absent, null, blank strings and empty arrays.</summary>
    public static bool IsSet(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => false,
        JsonValueKind.String => !string.IsNullOrWhiteSpace(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() > 0,
        _ => true,
    };

    private static bool SameValue(JsonElement a, JsonElement b)
    {
        var setA = IsSet(a);
        var setB = IsSet(b);
        if (!setA || !setB)
            return setA == setB;
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number
            && a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
            return x == y;
        return JsonElement.DeepEquals(a, b);
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ()\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
