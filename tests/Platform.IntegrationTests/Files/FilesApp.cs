using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Files.Data;
using Platform.Modules.Files.Storage;

namespace Platform.IntegrationTests.Files;

/// <summary>
/// The host with the local file store in a private folder and small limits, so limit tests need megabytes, not
/// gigabytes. <see cref="Backend"/> lets a subclass run the same tests on S3.
/// </summary>
public class FilesApp : PlatformApp
{
    public const long MaxUploadBytes = 5 * 1024 * 1024;

    public string StoreRoot { get; } = Path.Combine(Path.GetTempPath(), "platform-files-" + Guid.NewGuid().ToString("N")[..12]);

    protected virtual IReadOnlyDictionary<string, string> BackendSettings => new Dictionary<string, string>
    {
        ["Platform:Files:Backend"] = "local",
        ["Platform:Files:Local:Root"] = StoreRoot,
    };

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(BackendSettings)
    {
        ["Platform:Files:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // The clean-up is driven by the tests, not by the timer.
        ["Platform:Files:CleanupInterval"] = "01:00:00",
    };

    internal async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    internal Task<T> WithDbAsync<T>(Func<FilesDbContext, Task<T>> action) =>
        WithScopeAsync(sp => action(sp.GetRequiredService<FilesDbContext>()));

    internal IObjectStore Store => Services.GetRequiredService<IObjectStore>();

    /// <summary>Every object key stored for an organisation.</summary>
    internal async Task<List<string>> KeysAsync(Guid organizationId)
    {
        var keys = new List<string>();
        await foreach (var o in Store.ListAsync(ObjectKeys.TenantPrefix(organizationId), CancellationToken.None))
            keys.Add(o.Key);
        return keys;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(StoreRoot))
            Directory.Delete(StoreRoot, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed record PreviewDto(string Status, string? Reason, int Pages, int? PageCount, int? Width, int? Height);

public sealed record FileDto(
    Guid Id, string Name, string ContentType, long Length, string Sha256, string Md5, Guid UploadedBy, DateTimeOffset CreatedAt,
    bool Attached, PreviewDto Preview, string ContentUrl, string? ThumbnailUrl);

public static class FileApi
{
    public static byte[] RandomBytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

#pragma warning disable CA5351 // Not security: MD5 is the checksum Pyrus-style clients compare uploads with.
    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351

    public static Task<HttpResponseMessage> UploadMultipartAsync(HttpClient client, string fileName, byte[] content, string? partContentType = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(partContentType ?? "application/octet-stream");
        form.Add(part, "file", fileName);
        return client.PostAsync("/api/v1/files", form);
    }

    public static Task<HttpResponseMessage> UploadRawAsync(HttpClient client, string fileName, byte[] content) =>
        client.PostAsync($"/api/v1/files?name={Uri.EscapeDataString(fileName)}", new ByteArrayContent(content));

    /// <summary>Polls the file until its preview status satisfies <paramref name="done"/> (the job runs in the background).</summary>
    public static async Task<FileDto> WaitForPreviewAsync(HttpClient client, Guid fileId, Func<string, bool>? done = null)
    {
        done ??= status => status != "pending";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var file = (await client.GetFromJsonAsync<FileDto>($"/api/v1/files/{fileId}"))!;
            if (done(file.Preview.Status))
                return file;
            Assert.True(DateTime.UtcNow < deadline, $"The preview of {fileId} did not reach the expected state within 60 s (still {file.Preview.Status}).");
            await Task.Delay(100);
        }
    }

    public static async Task<FileDto> UploadAsync(HttpClient client, string fileName, byte[] content) =>
        await Http.ReadAsync<FileDto>(await UploadMultipartAsync(client, fileName, content), HttpStatusCode.Created);
}
