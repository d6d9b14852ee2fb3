using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Platform.Modules.Catalogs.Domain;

/// <summary>
/// An item's values as stored: a jsonb object from column id to value (<c>{"1":"MSK","2":"Moscow"}</c>).
/// Keyed by the stable column id, so moving or renaming a column touches no item, and removing one
/// is <c>cells - '3'</c>. Empty values are left out, so adding a column changes no item either, and
/// two items compare equal exactly when every column's value is equal.
/// </summary>
internal static class CatalogCells
{
    // Not HTML: nothing here is embedded in a page, and escaping every non-ASCII character as
    // \uXXXX would only make the parameters sent to PostgreSQL bigger.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(IReadOnlyList<int> columnIds, IReadOnlyList<string> values)
    {
        if (columnIds.Count != values.Count)
            throw new ArgumentException("One value per column is required.", nameof(values));
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            for (var i = 0; i < columnIds.Count; i++)
            {
                if (values[i].Length > 0)
                    writer.WriteString(columnIds[i].ToString(CultureInfo.InvariantCulture), values[i]);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The values in the given column order; a missing cell is an empty string.</summary>
    public static string[] FromJson(string json, IReadOnlyList<int> columnIds)
    {
        var values = new string[columnIds.Count];
        Array.Fill(values, string.Empty);
        var positions = new Dictionary<int, int>(columnIds.Count);
        for (var i = 0; i < columnIds.Count; i++)
            positions[columnIds[i]] = i;

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
                continue;
            var name = reader.GetString();
            reader.Read();
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && positions.TryGetValue(id, out var position) && reader.TokenType == JsonTokenType.String)
                values[position] = reader.GetString()!;
        }
        return values;
    }
}
