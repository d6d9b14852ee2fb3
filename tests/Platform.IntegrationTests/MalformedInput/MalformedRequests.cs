using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.MalformedInput;

/// <summary>One malformed request, rebuilt for every role (a request message can be sent only once).</summary>
public sealed record MalformedRequest(
    ApiOperation Operation, string Class, string Variant, string Url, string? ContentType = null, byte[]? Body = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        foreach (var (name, value) in Headers ?? [])
            message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }
}

/// <summary>
/// The malformed variants of one operation, in classes every operation gets: bad path values, bad
/// query values, bodies that are not the expected object, wrong/null/huge/control-character values
/// per schema property (a deterministic subset), junk <c>If-Match</c>/<c>Idempotency-Key</c>, and junk
/// multipart for upload operations. Everything but the part under test is valid, with real ids in the
/// path, so each variant reaches the code that reads it.
/// </summary>
public sealed class MalformedRequests(ApiDescription api, Func<ApiOperation, ApiParameter, string?> realPathValue, Guid sampleUserId)
{
    /// <summary>How many properties of a body schema each property class covers (first ones declared).</summary>
    private const int PropertiesPerClass = 3;

    private const string Json = "application/json";

    private static readonly string Huge = new('x', 200_000);

    // NUL itself in a path never reaches an application: Kestrel answers 400 on its own and the in-process
    // test server refuses to send it. Another control character and the overlong encoding of NUL do reach routing.
    private static readonly string[] BadPathValues = ["not-a-guid", "99999999999999999999999999999", "-1", "%01", "%C0%80"];

    private static readonly string[] BadQueryValues = ["not-a-value", "99999999999999999999999999999", "2026-13-45T25:61:00", "%00", "%FF%FE"];

    private static readonly string[] NotAnObject = ["{", "[]", "\"x\"", "123", "null"];

    private static readonly string DeepObject = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);

    private static readonly string DeepArray = new string('[', 100) + new string(']', 100);

    public IEnumerable<MalformedRequest> For(ApiOperation op)
    {
        var url = Url(op, null, null);
        var body = ValidBody(op);
        return PathVariants(op).Concat(QueryVariants(op, body)).Concat(BodyVariants(op, url))
            .Concat(PropertyVariants(op, url, body)).Concat(HeaderVariants(op, url, body)).Concat(MultipartVariants(op, url));
    }

    /// <summary>The path params that have no real value: the walk cannot reach the body of such an operation.</summary>
    public IEnumerable<string> Unresolved(ApiOperation op) => op.PathParameters.Where(p => realPathValue(op, p) is null).Select(p => p.Name);

    private string Url(ApiOperation op, ApiParameter? replaced, string? rawValue)
    {
        var path = op.Path;
        foreach (var p in op.PathParameters)
        {
            var value = p == replaced ? rawValue! : Uri.EscapeDataString(realPathValue(op, p) ?? Guid.Empty.ToString());
            path = path.Replace("{" + p.Name + "}", value, StringComparison.Ordinal);
        }
        var query = op.QueryParameters.Where(p => p.Required).Select(p => $"{p.Name}={Uri.EscapeDataString(SampleText(p.Schema))}");
        return query.Any() ? path + "?" + string.Join('&', query) : path;
    }

    private IEnumerable<MalformedRequest> PathVariants(ApiOperation op)
    {
        var parameters = op.PathParameters.ToList();
        if (parameters.Count == 0)
        {
            // No path parameter: the class is a junk trailing segment on the operation's own path.
            foreach (var value in BadPathValues)
                yield return new MalformedRequest(op, "path", $"/{value}", op.Path.TrimEnd('/') + "/" + value);
            yield break;
        }
        foreach (var p in parameters)
            foreach (var value in BadPathValues)
                yield return new MalformedRequest(op, "path", $"{{{p.Name}}}={value}", Url(op, p, value), Body: JsonBodyOrNull(op, "{}"), ContentType: Json);
    }

    private IEnumerable<MalformedRequest> QueryVariants(ApiOperation op, JsonNode? body)
    {
        var url = Url(op, null, null);
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var bytes = Bytes(body);
        // Without declared parameters, an undeclared one a client may add: it must be ignored or refused, not thrown on.
        var declared = op.QueryParameters.Select(p => p.Name).ToList();
        foreach (var name in declared.Count > 0 ? declared : ["limit"])
        {
            foreach (var value in BadQueryValues)
                yield return new MalformedRequest(op, "query", $"{name}={value}", $"{url}{separator}{name}={value}", Json, bytes);
            yield return new MalformedRequest(op, "query", $"{name} twice", $"{url}{separator}{name}=1&{name}=2", Json, bytes);
        }
    }

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
        var all = op.BodySchema is { } schema ? api.Properties(schema) : [];
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
            var items = schema.TryGetProperty("items", out var i) ? api.Resolve(i) : default;
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

    private static IEnumerable<MalformedRequest> HeaderVariants(ApiOperation op, string url, JsonNode? body)
    {
        var bytes = Bytes(body);
        string[] ifMatch = ["\"unterminated", "junk, W/", "\"" + new string('e', 4000) + "\""];
        string[] keys = ["", new string('k', 1000), "ключ-идемпотентности"];
        foreach (var value in ifMatch)
            yield return new MalformedRequest(op, "header", $"If-Match: {Short(value)}", url, Json, bytes, [KeyValuePair.Create("If-Match", value)]);
        foreach (var value in keys)
            yield return new MalformedRequest(op, "header", $"Idempotency-Key: {Short(value)}", url, Json, bytes, [KeyValuePair.Create("Idempotency-Key", value)]);
    }

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

    /// <summary>A body with every declared property set to a plausible value (or null when none is declared).</summary>
    private JsonNode? ValidBody(ApiOperation op) => op.BodySchema is { } schema ? Sample(schema, 0) : null;

    private static byte[]? JsonBodyOrNull(ApiOperation op, string json) => op.BodySchema is null ? null : Encoding.UTF8.GetBytes(json);

    private JsonNode? Sample(JsonElement schema, int depth)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
            return JsonNode.Parse(values[0].GetRawText());
        switch (ApiDescription.Kind(schema))
        {
            case "integer" or "number":
                return JsonValue.Create(1);
            case "boolean":
                return JsonValue.Create(true);
            case "array":
                return depth > 3 || !schema.TryGetProperty("items", out var items) ? [] : new JsonArray(Sample(api.Resolve(items), depth + 1));
            case "object":
                var result = new JsonObject();
                if (depth <= 3)
                    foreach (var (name, property) in api.Properties(schema))
                        result[name] = Sample(property, depth + 1);
                return result;
            default:
                return JsonValue.Create(SampleText(schema));
        }
    }

    private string SampleText(JsonElement schema) => ApiDescription.Format(schema) switch
    {
        "uuid" => sampleUserId.ToString(),
        "date-time" => "2030-01-02T03:04:05Z",
        "date" => "2030-01-02",
        "time" => "10:00:00",
        "int32" or "int64" => "1",
        _ when ApiDescription.Kind(schema) is "integer" or "number" => "1",
        _ => "sample",
    };

    private static byte[]? Bytes(JsonNode? body) => body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());

    private static string Short(string text) => text.Length <= 24 ? text : $"{text[..12]}…({text.Length} chars)";
}
