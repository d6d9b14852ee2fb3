using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.BuildingBlocks.Web;

/// <summary>
/// Bodies bound as a raw <see cref="JsonElement"/> (PATCH-style edits) bypass the string converter,
/// and PostgreSQL refuses NUL in <c>text</c> and <c>jsonb</c> alike. The same rule as
/// <see cref="StorableTextConverter"/>: the whole element is checked once, on the way in.
/// </summary>
public sealed class StorableJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        if (FindNul(element, "$") is { } path)
            throw new JsonException($"The text at {path} contains the NUL character (\\u0000), which cannot be stored.");
        return element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

    private static string? FindNul(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return StorableTextConverter.IsStorable(element.GetString()) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!StorableTextConverter.IsStorable(property.Name))
                        return path;
                    if (FindNul(property.Value, $"{path}.{property.Name}") is { } found)
                        return found;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (FindNul(item, $"{path}[{index++}]") is { } found)
                        return found;
                return null;
            default:
                return null;
        }
    }
}
