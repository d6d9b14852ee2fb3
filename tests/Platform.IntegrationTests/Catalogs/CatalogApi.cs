using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Catalogs;

public sealed record CatalogHeaderDto(int Id, string Name, string Type);

public sealed record CatalogDto(
    Guid Id, string Name, long Version, int ItemCount, IReadOnlyList<CatalogHeaderDto> Headers, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CatalogItemDto(Guid Id, string Key, IReadOnlyList<string> Values);

public sealed record CatalogDetailsDto(
    Guid Id, string Name, long Version, int ItemCount, IReadOnlyList<CatalogHeaderDto> Headers,
    IReadOnlyList<CatalogItemDto> Items, string? NextCursor, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CatalogSummaryDto(Guid Id, string Name, long Version, int ItemCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CatalogListDto(IReadOnlyList<CatalogSummaryDto> Items, string? NextCursor);

public sealed record ChangeResultDto(long Version, int Added, int Updated, int Deleted, int Unchanged);

/// <summary>Request builders and readers for /api/v1/catalogs.</summary>
public static class CatalogApi
{
    public const string BaseUrl = "/api/v1/catalogs";

    public static object[] Headers(params string[] names) => names.Select(n => (object)new { name = n }).ToArray();

    public static object[] Items(params string[][] rows) => rows.Select(r => (object)new { values = r }).ToArray();

    public static async Task<CatalogDto> CreateAsync(HttpClient client, string name, string[] headers, params string[][] items)
    {
        var response = await client.PostAsJsonAsync(BaseUrl, new { name, headers = Headers(headers), items = Items(items) });
        return await Http.ReadAsync<CatalogDto>(response, HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> SyncAsync(HttpClient client, Guid id, string[] headers, string[][] items, string? ifMatch = null) =>
        SendAsync(client, HttpMethod.Put, $"{BaseUrl}/{id}", new { headers = Headers(headers), items = Items(items) }, ifMatch);

    public static Task<HttpResponseMessage> DiffAsync(HttpClient client, Guid id, string[][] upsert, string[] delete, string? ifMatch = null, string? idempotencyKey = null) =>
        SendAsync(client, HttpMethod.Post, $"{BaseUrl}/{id}/diff", new { upsert = Items(upsert), delete }, ifMatch, idempotencyKey);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (ifMatch is not null)
            request.Headers.IfMatch.Add(ifMatch == "*" ? EntityTagHeaderValue.Any : new EntityTagHeaderValue(ifMatch));
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    /// <summary>Every item, page by page, in key order.</summary>
    public static async Task<(CatalogDetailsDto First, List<CatalogItemDto> Items)> ReadAllAsync(HttpClient client, Guid id, int limit = 5000)
    {
        CatalogDetailsDto? first = null;
        var items = new List<CatalogItemDto>();
        string? cursor = null;
        do
        {
            var page = await Http.ReadAsync<CatalogDetailsDto>(
                await client.GetAsync($"{BaseUrl}/{id}?limit={limit}{(cursor is null ? "" : $"&after={cursor}")}"), HttpStatusCode.OK);
            first ??= page;
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return (first, items);
    }

    public static string? ETag(HttpResponseMessage response) => response.Headers.ETag?.Tag;
}
