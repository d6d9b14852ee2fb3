using System.Globalization;
using Microsoft.Extensions.Primitives;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;

namespace Platform.Modules.Tasks.Register;

/// <summary>
/// The register's field filters, <c>f.code</c>, <c>f.code.contains</c>, <c>f.code.min</c>,
/// <c>f.code.max</c>, as SQL conditions over <c>t.form_values</c>, checked against the field's type.
/// </summary>
internal static class RegisterFieldFilters
{
    public const int MaxValues = 100;
    public const int MaxContainsLength = 200;

    /// <summary>Adds the condition <paramref name="key"/> asks for to <paramref name="query"/>, or a field error.</summary>
    public static void Add(RegisterQuery query, string key, StringValues values, FormTemplateVersion template, FieldErrors errors)
    {
        var parts = key[2..].Split('.');
        var field = template.Field(parts[0]);
        if (field is null || FieldTypes.IsLayout(field.Type))
        {
            errors.Add(key, "is not a field of this form.");
            return;
        }
        var code = query.Parameter(field.Code);
        var op = parts.Length == 2 ? parts[1] : parts.Length == 1 ? "" : null;
        if (op != "" && values.Count != 1)
        {
            errors.Add(key, "must be given once.");
            return;
        }
        var error = op switch
        {
            "" => Equality(query, field, code, values),
            "contains" => Contains(query, field, code, values[0]!),
            "min" or "max" => Range(query, field, code, op == "min", values[0]!),
            _ => "is not a register filter: use f.<code>, f.<code>.contains, f.<code>.min or f.<code>.max.",
        };
        if (error is not null)
            errors.Add(key, error);
    }

    /// <summary>
    /// <c>f.code=v</c>: the value equals v; repeated (<c>f.code=a&amp;f.code=b</c>), equals any of
    /// them. A multiple choice field matches when it holds any of the given options.
    /// </summary>
    private static string? Equality(RegisterQuery query, FormField field, string code, StringValues values)
    {
        if (values.Count > MaxValues)
            return $"may be given at most {MaxValues} times.";
        var texts = values.Select(v => v ?? "").ToArray();
        switch (field.Type)
        {
            case FieldTypes.MultipleChoice:
                // jsonb ?| : the array holds any of these strings (never a text comparison of the whole array).
                query.Where($"{RegisterValues.Json(code)} ?| {query.Parameter(texts)}");
                return null;
            case FieldTypes.Table or FieldTypes.File:
                return "table and file fields cannot be filtered.";
            case FieldTypes.Checkbox when texts is ["true" or "false"]:
                query.Where($"jsonb_typeof({RegisterValues.Json(code)}) = 'boolean' AND {RegisterValues.Text(code)} = {query.Parameter(texts[0])}");
                return null;
            case FieldTypes.Checkbox:
                return "must be true or false.";
        }
        if (RegisterValues.OrderType(field.Type) is not (null or "text"))
        {
            if (texts.Length != 1)
                return "must be given once for this field type.";
            if (ParseOrdered(field.Type, texts[0]) is not { } value)
                return ShapeError(field.Type);
            query.Where($"{RegisterValues.Typed(field.Type, code)} = {query.Parameter(value)}");
            return null;
        }
        // Text, choice, person, catalog: compared as the stored string.
        query.Where($"{RegisterValues.Text(code)} = ANY({query.Parameter(texts)})");
        return null;
    }

    /// <summary><c>f.code.contains=text</c>: case-insensitive, anywhere in a text value; %, _ and \ match themselves.</summary>
    private static string? Contains(RegisterQuery query, FormField field, string code, string text)
    {
        if (!RegisterValues.IsTextLike(field.Type))
            return "contains filters need a text, multi-line text, email, phone or catalog field.";
        if (text.Length == 0 || text.Length > MaxContainsLength)
            return $"must be 1 to {MaxContainsLength} characters.";
        query.Where($"{RegisterValues.Text(code)} ILIKE {query.Parameter(LikePattern.Contains(text))} ESCAPE '\\'");
        return null;
    }

    /// <summary><c>f.code.min</c> / <c>.max</c>: inclusive bounds on number, money, date, due date (its day) and time fields.</summary>
    private static string? Range(RegisterQuery query, FormField field, string code, bool min, string text)
    {
        if (RegisterValues.OrderType(field.Type) is null or "text")
            return "min/max filters need a number, money, date, due date or time field.";
        if (ParseOrdered(field.Type, text) is not { } value)
            return ShapeError(field.Type);
        query.Where($"{RegisterValues.Typed(field.Type, code)} {(min ? ">=" : "<=")} {query.Parameter(value)}");
        return null;
    }

    private static object? ParseOrdered(string type, string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            FieldTypes.Number or FieldTypes.Money when decimal.TryParse(text, NumberStyles.Number, invariant, out var number) => number,
            FieldTypes.Date or FieldTypes.DueDate when DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var day) => day,
            FieldTypes.Time when TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], invariant, DateTimeStyles.None, out var time) => time,
            _ => null,
        };
    }

    private static string ShapeError(string type) => type switch
    {
        FieldTypes.Number or FieldTypes.Money => "must be a number.",
        FieldTypes.Time => "must be a time (HH:mm or HH:mm:ss).",
        _ => "must be a date (yyyy-MM-dd).",
    };
}
