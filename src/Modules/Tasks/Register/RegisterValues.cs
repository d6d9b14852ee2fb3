using Platform.Modules.Forms.Contracts;

namespace Platform.Modules.Tasks.Register;

/// <summary>
/// SQL for a field's value in <c>t.form_values</c>, typed by the field's type. The field code is
/// always a parameter (<c>code</c> is its placeholder, e.g. <c>@p0</c>), never SQL text.
/// </summary>
/// <remarks>
/// Every cast is guarded (JSON type or shape first): a field code may have had another type in an
/// older template version, and a task pinned to that version keeps its old value. Such a value
/// reads as "not set" instead of failing the whole register with a cast error. No braces in the
/// SQL: EF formats raw SQL with <c>string.Format</c>.
/// </remarks>
internal static class RegisterValues
{
    /// <summary>The longest text a sort key keeps: longer texts tie on it and fall back to the id, and the cursor stays short.</summary>
    public const int TextSortLength = 200;

    public static bool IsTextLike(string type) =>
        type is FieldTypes.Text or FieldTypes.MultilineText or FieldTypes.Email or FieldTypes.Phone or FieldTypes.Catalog;

    /// <summary>The SQL type values of <paramref name="type"/> compare as in ranges and sorting, or null when they have no order.</summary>
    public static string? OrderType(string type) => type switch
    {
        FieldTypes.Number or FieldTypes.Money => "numeric",
        FieldTypes.Date or FieldTypes.DueDate => "date",
        FieldTypes.Time => "time",
        _ when IsTextLike(type) => "text",
        _ => null,
    };

    public static string Json(string code) => $"(t.form_values -> {code})";

    public static string Text(string code) => $"(t.form_values ->> {code})";

    /// <summary>
    /// The value as its <see cref="OrderType"/>: numbers as numeric, dates (and a due date's day, the
    /// first 10 characters as entered) as date, times as time, texts as their first
    /// <see cref="TextSortLength"/> characters; NULL when not set or not of that shape.
    /// </summary>
    public static string Typed(string type, string code) => type switch
    {
        FieldTypes.Number or FieldTypes.Money => $"(CASE WHEN jsonb_typeof({Json(code)}) = 'number' THEN {Json(code)}::numeric END)",
        FieldTypes.Date => $"(CASE WHEN {Text(code)} ~ '^\\d\\d\\d\\d-\\d\\d-\\d\\d$' THEN {Text(code)}::date END)",
        FieldTypes.DueDate => $"(CASE WHEN {Text(code)} ~ '^\\d\\d\\d\\d-\\d\\d-\\d\\d' THEN left({Text(code)}, 10)::date END)",
        FieldTypes.Time => $"(CASE WHEN {Text(code)} ~ '^\\d\\d:\\d\\d(:\\d\\d)?$' THEN {Text(code)}::time END)",
        _ when IsTextLike(type) => $"(CASE WHEN jsonb_typeof({Json(code)}) = 'string' THEN NULLIF(left({Text(code)}, {TextSortLength}), '') END)",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "This field type has no order."),
    };
}
