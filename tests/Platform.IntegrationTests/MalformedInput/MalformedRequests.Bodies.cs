using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.MalformedInput;

/// <summary>The body classes: not the expected object, bad values per property, junk multipart.</summary>
public sealed partial class MalformedRequests
{
    private static IEnumerable<MalformedRequest> BodyVariants(ApiOperation op, string url)
    {
        foreach (var text in NotAnObject.Append(DeepObject).Append(DeepArray))
            yield return new MalformedRequest(op, "body", Short(text), url, Json, Encoding.UTF8.GetBytes(text));
        yield return new MalformedRequest(op, "body", "invalid UTF-8", url, Json, [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]);
        yield return new MalformedRequest(op, "body", "text/plain", url, "text/plain", Encoding.UTF8.GetBytes("hello"));
        yield return new MalformedRequest(op, "body", "junk Content-Type", url, "application/json; charset=no-such-charset", Encoding.UTF8.GetBytes("{}"));
    }

    private IEnumerable<MalformedRequest> PropertyVariants(ApiOperation op, string url, JsonNode? body)
    {
        var all = op.BodySchema is { } schema ? _api.Properties(schema) : [];
        // No declared object body: an undeclared property must be harmless too.
        var properties = all.Count > 0 ? all.Take(PropertiesPerClass).ToList() : [("value", default(JsonElement))];
        var template = body as JsonObject ?? [];
        MalformedRequest With(string name, string variant, JsonNode? value)
        {
            var copy = (JsonObject)template.DeepClone();
            copy[name] = value;
            return new MalformedRequest(op, "property", $"{name}: {variant}", url, Json, Bytes(copy));
        }
        foreach (var (name, propertySchema) in properties)
            foreach (var (variant, value) in BadValues(propertySchema))
                yield return With(name, variant, value);
        // Size and depth once per operation, where they bite: the first text, the first number, the first property.
        var text = all.FirstOrDefault(p => ApiDescription.Kind(p.Schema) == "string").Name ?? properties[0].Name;
        var number = all.FirstOrDefault(p => ApiDescription.Kind(p.Schema) is "integer" or "number").Name ?? properties[0].Name;
        yield return With(text, "200 kB string", JsonValue.Create(Huge));
        yield return With(number, "huge number", JsonNode.Parse("99999999999999999999999999999999"));
        yield return With(properties[0].Name, "nested 100 deep",
            JsonNode.Parse(DeepArray.Replace("[]", "[1]", StringComparison.Ordinal), documentOptions: new JsonDocumentOptions { MaxDepth = 256 }));
    }

    private IEnumerable<(string Variant, JsonNode? Value)> BadValues(JsonElement schema)
    {
        yield return ("null", null);
        yield return ("wrong type", WrongType(schema));
        yield return ("control characters", JsonValue.Create("a\u0001\u0008\u001b\u007f\u2028b"));
        yield return ("NUL", JsonValue.Create("a\u0000b"));
        if (ApiDescription.Kind(schema) == "array")
        {
            var items = schema.TryGetProperty("items", out var i) ? _api.Resolve(i) : default;
            yield return ("array of null", new JsonArray(null, null));
            yield return ("array of wrong type", new JsonArray(WrongType(items)));
        }
    }

    private static JsonNode? WrongType(JsonElement schema) => (ApiDescription.Kind(schema), ApiDescription.Format(schema)) switch
    {
        ("string", "uuid") => JsonValue.Create("not-a-guid"),
        ("string", "date-time") => JsonValue.Create("2026-13-45T99:99:99Z"),
        ("string", "date") => JsonValue.Create("31.12.2026"),
        ("string", _) => JsonValue.Create(12345),
        ("integer" or "number", _) => JsonValue.Create("not-a-number"),
        ("boolean", _) => JsonValue.Create("yes"),
        ("array", _) => new JsonObject { ["not"] = "an array" },
        ("object", _) => JsonValue.Create("not-an-object"),
        _ => new JsonArray(new JsonArray(new JsonArray())),
    };

    private static IEnumerable<MalformedRequest> MultipartVariants(ApiOperation op, string url)
    {
        if (!op.AcceptsMultipart)
            yield break;
        const string b = "walkboundary";
        var parts = new (string Variant, string ContentType, string Body)[]
        {
            ("no boundary", "multipart/form-data", $"--{b}\r\n\r\nx\r\n--{b}--\r\n"),
            ("boundary too long", "multipart/form-data; boundary=" + new string('b', 80), "x"),
            ("not multipart at all", $"multipart/form-data; boundary={b}", "just some text"),
            ("no parts", $"multipart/form-data; boundary={b}", $"--{b}--\r\n"),
            ("part without file name", $"multipart/form-data; boundary={b}", $"--{b}\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--{b}--\r\n"),
            ("truncated part", $"multipart/form-data; boundary={b}", $"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhalf a fi"),
            ("junk Content-Disposition", $"multipart/form-data; boundary={b}", $"--{b}\r\nContent-Disposition: ;;; filename*=UTF-8''%ZZ%\r\n\r\nx\r\n--{b}--\r\n"),
            ("NUL in file name", $"multipart/form-data; boundary={b}", $"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.txt\"\r\n\r\nx\r\n--{b}--\r\n"),
            ("200 kB file name", $"multipart/form-data; boundary={b}", $"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{Huge}\"\r\n\r\nx\r\n--{b}--\r\n"),
            ("headers without end", $"multipart/form-data; boundary={b}", $"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n" + new string('h', 20_000)),
        };
        foreach (var (variant, contentType, body) in parts)
            yield return new MalformedRequest(op, "multipart", variant, url, contentType, Encoding.UTF8.GetBytes(body));
    }
}
