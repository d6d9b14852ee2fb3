using System.Globalization;
using System.Text.Json;

namespace Platform.Modules.Forms.Contracts;

/// <summary>Route conditions (<see cref="RouteCondition"/>): how a rule's <c>when</c> reads a field value.</summary>
public static partial class RouteEngine
{
    /// <summary>Whether a condition holds (a null condition always does). A field that is not set only satisfies <c>not_equals</c>.</summary>
    public static bool Holds(FormTemplateVersion template, JsonElement values, RouteCondition? condition)
    {
        if (condition is null)
            return true;
        var field = template.Field(condition.Field);
        var value = FormValueValidator.Get(values, condition.Field);
        var set = FormValueValidator.IsSet(value);
        if (condition.Operator == ConditionOperators.IsSet)
            return set;
        if (field is null || !set)
            return condition.Operator == ConditionOperators.NotEqualTo;
        var expected = condition.Value ?? string.Empty;
        return condition.Operator switch
        {
            ConditionOperators.EqualTo => EqualsValue(field, value, expected),
            ConditionOperators.NotEqualTo => !EqualsValue(field, value, expected),
            ConditionOperators.Greater => Compare(field, value, expected) is > 0,
            ConditionOperators.Less => Compare(field, value, expected) is < 0,
            _ => false,
        };
    }

    private static bool EqualsValue(FormField field, JsonElement value, string expected)
    {
        switch (field.Type)
        {
            case FieldTypes.Number or FieldTypes.Money:
                return Compare(field, value, expected) == 0;
            case FieldTypes.Checkbox:
                return bool.TryParse(expected, out var b) && value.ValueKind == (b ? JsonValueKind.True : JsonValueKind.False);
            case FieldTypes.MultipleChoice or FieldTypes.File:
                return value.ValueKind == JsonValueKind.Array
                    && value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == expected);
            case FieldTypes.Person:
                return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var p)
                    && Guid.TryParse(expected, out var e) && p == e;
            default:
                return value.ValueKind == JsonValueKind.String && string.Equals(value.GetString()!.Trim(), expected.Trim(), StringComparison.Ordinal);
        }
    }

    /// <summary>Null when the two cannot be compared.</summary>
    private static int? Compare(FormField field, JsonElement value, string expected)
    {
        if (field.Type is FieldTypes.Number or FieldTypes.Money)
        {
            return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var actual)
                && decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var bound)
                ? actual.CompareTo(bound) : null;
        }
        if (field.Type is FieldTypes.Date or FieldTypes.Time or FieldTypes.DueDate && value.ValueKind == JsonValueKind.String)
            return Math.Sign(string.CompareOrdinal(value.GetString(), expected));
        return null;
    }
}
