using System.Globalization;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;

namespace Platform.Modules.Tasks.Register;

/// <summary>
/// The register's order: <c>updated</c>, <c>created</c>, <c>title</c> or a field (<c>f.code</c>),
/// ascending or descending, the task id breaking ties in the same direction. Field values that are
/// not set come last in both directions.
/// </summary>
/// <param name="Name">As in the query string: <c>updated</c>, <c>created</c>, <c>title</c>, <c>f.code</c>.</param>
/// <param name="Key">The SQL of the sort key over <c>t</c> (a field code only as the parameter <c>@sortCode</c>).</param>
/// <param name="KeyType">The SQL type the key has, to read a cursor's key text back.</param>
/// <param name="FieldCode">The field sorted by, bound as <c>@sortCode</c>; null for task columns.</param>
internal sealed record RegisterSort(string Name, bool Descending, string Key, string KeyType, string? FieldCode)
{
    public const int MaxCursorText = 1_000;

    // The range of DateTimeOffset, in microseconds from 1970: a cursor's timestamp outside it is not one we wrote.
    private static readonly long MinMicroseconds = (DateTimeOffset.MinValue - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
    private static readonly long MaxMicroseconds = (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    public static RegisterSort Default { get; } = new("updated", true, "t.updated_at", "timestamptz", null);

    /// <summary>Only field values can be missing; task columns are NOT NULL.</summary>
    public bool Nullable => FieldCode is not null;

    public string Direction => Descending ? "DESC" : "ASC";

    /// <summary>The sort by <paramref name="name"/>, or null with <paramref name="error"/> saying why not.</summary>
    public static RegisterSort? Parse(string name, string? order, FormTemplateVersion template, out string? error)
    {
        error = null;
        bool? descending = order switch { null or "" => null, "asc" => false, "desc" => true, _ => null };
        if (order is not (null or "" or "asc" or "desc"))
        {
            error = "order must be asc or desc.";
            return null;
        }
        switch (name)
        {
            case "updated":
                return Default with { Descending = descending ?? true };
            case "created":
                return new("created", descending ?? true, "t.created_at", "timestamptz", null);
            case "title":
                return new("title", descending ?? false, "t.title", "text", null);
        }
        var field = name.StartsWith("f.", StringComparison.Ordinal) ? template.Field(name[2..]) : null;
        var type = field is null ? null : RegisterValues.OrderType(field.Type);
        if (field is null || type is null)
        {
            error = field is null
                ? "must be updated, created, title or f.<code> of a field of this form."
                : "this field has no order: sort by a text, number, money, date, time or due date field.";
            return null;
        }
        return new(name, descending ?? false, RegisterValues.Typed(field.Type, "@sortCode"), type, field.Code);
    }

    /// <summary>The cursor after a row whose sort key reads <paramref name="keyText"/> (null: not set).</summary>
    public string Cursor(string? keyText, Guid id) =>
        new TextCursor($"{Name}|{Direction}|{(keyText is null ? "n" : "v" + keyText)}", id).Encode();

    /// <summary>
    /// The SQL that writes <paramref name="key"/> (this sort's key) as the cursor's text: timestamps
    /// as microseconds since 1970 (exact, whatever the session's time zone or date style).
    /// </summary>
    public string KeyText(string key) => KeyType == "timestamptz"
        ? $"(extract(epoch FROM {key}) * 1000000)::bigint::text"
        : $"({key})::text";

    /// <summary>
    /// Reads a cursor of this sort: false for a cursor of another sort or order, whose key would
    /// mean nothing here, or one whose key is not of this sort's type. <paramref name="key"/> is the
    /// typed key (null when the last row's key was not set), to bind as a parameter.
    /// </summary>
    public bool TryReadCursor(string value, out object? key, out Guid id)
    {
        key = null;
        id = Guid.Empty;
        if (!TextCursor.TryDecode(value, MaxCursorText, out var cursor))
            return false;
        var parts = cursor.Text.Split('|', 3);
        if (parts.Length != 3 || parts[0] != Name || parts[1] != Direction || parts[2].Length == 0 || parts[2][0] is not ('n' or 'v'))
            return false;
        if (parts[2][0] == 'n' && (!Nullable || parts[2].Length > 1))
            return false;
        id = cursor.Id;
        return parts[2][0] == 'n' || TryParseKey(parts[2][1..], out key);
    }

    private bool TryParseKey(string text, out object? key)
    {
        var invariant = CultureInfo.InvariantCulture;
        key = null;
        switch (KeyType)
        {
            case "timestamptz" when long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var micros)
                                    && micros >= MinMicroseconds && micros <= MaxMicroseconds:
                key = DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
                break;
            case "numeric" when decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, invariant, out var number):
                key = number;
                break;
            case "date" when DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var day):
                key = day;
                break;
            case "time" when TimeOnly.TryParseExact(text, ["HH:mm:ss", "HH:mm:ss.FFFFFF"], invariant, DateTimeStyles.None, out var time):
                key = time;
                break;
            case "text":
                key = text;
                break;
        }
        return key is not null;
    }
}
