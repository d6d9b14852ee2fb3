using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.BuildingBlocks.Web;

/// <summary>
/// PostgreSQL <c>text</c> cannot hold NUL (U+0000); storing one fails at commit as a 500. Every JSON
/// string read from a request passes through here, so the rule holds for all modules at once: the
/// text is refused (nothing is silently lost) with a JsonException that the host turns into a 400
/// problem naming the JSON path. Lone surrogates are already refused by System.Text.Json itself.
/// </summary>
public sealed class StorableTextConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
            throw new JsonException("A text contains the NUL character (\\u0000), which cannot be stored.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>True when the text can be stored as PostgreSQL text (for strings read outside the serializer).</summary>
    public static bool IsStorable(string? value) => value is null || !value.Contains('\0', StringComparison.Ordinal);
}
