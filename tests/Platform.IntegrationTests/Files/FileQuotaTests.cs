using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Files.Verify;

namespace Platform.IntegrationTests.Files;

public sealed record UsageDto(long UsedBytes, long QuotaBytes, int FileCount);

public sealed class FileQuotaTests(FilesApp app) : IClassFixture<FilesApp>
{
    [Fact]
    public async Task An_upload_that_does_not_fit_the_quota_gets_a_clear_problem_and_stores_nothing()
    {
        var org = await app.CreateOrganizationAsync();
        Assert.Equal(0, await SetQuotaAsync(org.Id, 1_000_000));

        var first = await FileApi.UploadAsync(org.Admin.Client, "a.bin", FileApi.RandomBytes(600_000));
        var usage = await org.Admin.Client.GetFromJsonAsync<UsageDto>("/api/v1/files/usage");
        Assert.Equal(new UsageDto(600_000, 1_000_000, 1), usage);

        // Declared up front (raw with Content-Length) and discovered while streaming (multipart).
        foreach (var response in new[]
                 {
                     await FileApi.UploadRawAsync(org.Admin.Client, "b.bin", FileApi.RandomBytes(600_000)),
                     await FileApi.UploadMultipartAsync(org.Admin.Client, "b.bin", FileApi.RandomBytes(600_000)),
                 })
        {
            var problem = await Http.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
            Assert.Equal("Storage quota exceeded", problem.GetProperty("title").GetString());
            Assert.Equal(600_000, problem.GetProperty("usedBytes").GetInt64());
            Assert.Equal(1_000_000, problem.GetProperty("quotaBytes").GetInt64());
            Assert.Contains("quota", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal([first.Id], (await app.KeysAsync(org.Id)).Select(k => Guid.ParseExact(k[^32..], "N")));
        Assert.Equal(new UsageDto(600_000, 1_000_000, 1), await org.Admin.Client.GetFromJsonAsync<UsageDto>("/api/v1/files/usage"));

        // Another organisation is not affected by this one's quota.
        var other = await app.CreateOrganizationAsync();
        await FileApi.UploadAsync(other.Admin.Client, "b.bin", FileApi.RandomBytes(600_000));
    }

    [Fact]
    public async Task Parallel_uploads_cannot_overshoot_the_quota_together()
    {
        var org = await app.CreateOrganizationAsync();
        await SetQuotaAsync(org.Id, 1_000_000);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            FileApi.UploadMultipartAsync(org.Admin.Client, $"part{i}.bin", FileApi.RandomBytes(300_000, seed: i))));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.RequestEntityTooLarge));
        var usage = await org.Admin.Client.GetFromJsonAsync<UsageDto>("/api/v1/files/usage");
        Assert.Equal(new UsageDto(900_000, 1_000_000, 3), usage);
        Assert.Equal(3, (await app.KeysAsync(org.Id)).Count);
    }

    [Fact]
    public async Task The_quota_command_shows_and_resets_to_the_default()
    {
        var org = await app.CreateOrganizationAsync();
        Assert.Equal(0, await SetQuotaAsync(org.Id, 5));
        Assert.Equal(5, (await org.Admin.Client.GetFromJsonAsync<UsageDto>("/api/v1/files/usage"))!.QuotaBytes);
        Assert.Equal(0, await RunAsync("quota", ("organization", org.Id.ToString()), ("bytes", "default")));
        Assert.Equal(100L * 1024 * 1024 * 1024, (await org.Admin.Client.GetFromJsonAsync<UsageDto>("/api/v1/files/usage"))!.QuotaBytes);
        Assert.Equal(2, await RunAsync("quota", ("organization", org.Id.ToString()), ("bytes", "lots")));
        Assert.Equal(2, await RunAsync("quota"));
    }

    private Task<int> SetQuotaAsync(Guid org, long bytes) =>
        RunAsync("quota", ("organization", org.ToString()), ("bytes", bytes.ToString(CultureInfo.InvariantCulture)));

    private Task<int> RunAsync(string subcommand, params (string Key, string Value)[] options)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(options.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value))).Build();
        return StorageCommand.RunAsync(app.Services, config, subcommand, CancellationToken.None);
    }
}
