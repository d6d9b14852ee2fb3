using System.Text.Json;

namespace Platform.IntegrationTests.MalformedInput;

public sealed record ApiParameter(string Name, string In, bool Required, JsonElement Schema);

/// <summary>One path × method of the served OpenAPI document, with what it declares it reads.</summary>
public sealed record ApiOperation(
    string Method, string Path, IReadOnlyList<ApiParameter> Parameters, IReadOnlyList<string> BodyContentTypes, JsonElement? BodySchema)
{
    public IEnumerable<ApiParameter> PathParameters => Parameters.Where(p => p.In == "path");

    public IEnumerable<ApiParameter> QueryParameters => Parameters.Where(p => p.In == "query");

    public bool AcceptsMultipart => BodyContentTypes.Any(t => t.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase));

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// Reads operations and schemas out of <c>/openapi/v1.json</c> (OpenAPI 3.1 as ASP.NET Core writes
/// it: <c>$ref</c> to components, nullable as <c>type: [x, "null"]</c> or <c>oneOf</c> with null).
/// </summary>
public sealed class ApiDescription(JsonElement document)
{
    private static readonly string[] Compositions = ["oneOf", "anyOf", "allOf"];

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public IReadOnlyList<ApiOperation> Operations() =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path =>
            path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)).Select(m => Operation(path.Name, path.Value, m.Name, m.Value))).ToList();

    private ApiOperation Operation(string path, JsonElement pathItem, string method, JsonElement operation)
    {
        var parameters = new List<ApiParameter>();
        foreach (var source in new[] { pathItem, operation })
        {
            if (!source.TryGetProperty("parameters", out var list))
                continue;
            foreach (var raw in list.EnumerateArray())
            {
                var p = Resolve(raw);
                parameters.Add(new ApiParameter(
                    p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                    p.TryGetProperty("required", out var r) && r.GetBoolean(),
                    p.TryGetProperty("schema", out var s) ? Resolve(s) : default));
            }
        }
        var contentTypes = new List<string>();
        JsonElement? bodySchema = null;
        if (operation.TryGetProperty("requestBody", out var body) && Resolve(body).TryGetProperty("content", out var content))
        {
            foreach (var media in content.EnumerateObject())
            {
                contentTypes.Add(media.Name);
                if (bodySchema is null && media.Value.TryGetProperty("schema", out var schema))
                    bodySchema = Resolve(schema);
            }
        }
        return new ApiOperation(method.ToUpperInvariant(), path, parameters, contentTypes, bodySchema);
    }

    /// <summary>Follows <c>$ref</c> and unwraps "this or null" compositions to the schema that matters.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 32 && schema.ValueKind == JsonValueKind.Object; hops++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var node = document;
                foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
                    node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
                schema = node;
                continue;
            }
            var composed = Compositions
                .Select(k => schema.TryGetProperty(k, out var list) ? list : default)
                .FirstOrDefault(list => list.ValueKind == JsonValueKind.Array);
            if (composed.ValueKind != JsonValueKind.Array)
                return schema;
            var options = composed.EnumerateArray().Where(o => Kind(Resolve(o)) != "null").ToList();
            if (options.Count == 0)
                return schema;
            schema = options[0];
        }
        return schema;
    }

    /// <summary>"string", "integer", "number", "boolean", "array", "object", "null" or "any".</summary>
    public static string Kind(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            return "any";
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
                return type.GetString()!;
            if (type.ValueKind == JsonValueKind.Array)
                return type.EnumerateArray().Select(t => t.GetString()!).FirstOrDefault(t => t != "null") ?? "null";
        }
        if (schema.TryGetProperty("properties", out _))
            return "object";
        return "any";
    }

    public static string? Format(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;

    public IReadOnlyList<(string Name, JsonElement Schema)> Properties(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, Resolve(p.Value))).ToList()
            : [];
}
