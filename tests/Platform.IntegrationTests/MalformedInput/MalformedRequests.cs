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
public sealed partial class MalformedRequests(ApiDescription api, Func<ApiOperation, ApiParameter, string?> realPathValue, Guid sampleUserId)
{
    private readonly ApiDescription _api = api;

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
                return depth > 3 || !schema.TryGetProperty("items", out var items) ? [] : new JsonArray(Sample(_api.Resolve(items), depth + 1));
            case "object":
                var result = new JsonObject();
                if (depth <= 3)
                    foreach (var (name, property) in _api.Properties(schema))
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
