using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Modules.Files;
using Platform.Modules.Files.Cleanup;
using Platform.Modules.Files.Contracts;
using Platform.Modules.Files.Data;
using Platform.Modules.Files.Storage;
using Platform.Modules.Files.Verify;

namespace Platform.IntegrationTests.Files;

/// <summary>The orphan clean-up and <c>storage verify</c>, against the real store and database.</summary>
public sealed class FileMaintenanceTests(FilesApp app) : IClassFixture<FilesApp>
{
    [Fact]
    public async Task Unattached_uploads_older_than_the_orphan_age_are_deleted_with_their_bytes_and_usage()
    {
        var org = await app.CreateOrganizationAsync();
        var orphan = await FileApi.UploadAsync(org.Admin.Client, "forgotten.bin", FileApi.RandomBytes(4000));
        var kept = await FileApi.UploadAsync(org.Admin.Client, "attached.bin", FileApi.RandomBytes(3000));
        var attach = await app.WithScopeAsync(sp => sp.GetRequiredService<IFileAttachments>()
            .AttachAsync(org.Id, org.Admin.Id, [kept.Id], new FileOwner("test", Guid.NewGuid()), CancellationToken.None));
        Assert.True(attach.Succeeded);
        await app.Store.PutAsync(ObjectKeys.Preview(org.Id, orphan.Id, "thumbnail.jpg"), new MemoryStream([1, 2, 3]), CancellationToken.None);

        // Younger than the age: kept.
        Assert.Equal(0, await CleanAsync(TimeSpan.FromHours(1)));
        Assert.Equal(3, (await app.KeysAsync(org.Id)).Count);

        // Other tests of the class may have left orphans of their own organisations: at least ours goes.
        Assert.True(await CleanAsync(TimeSpan.Zero) >= 1);
        Assert.Equal([ObjectKeys.Content(org.Id, kept.Id)], await app.KeysAsync(org.Id));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await org.Admin.Client.GetAsync(orphan.ContentUrl)).StatusCode);
        Assert.Equal(new UsageDto(3000, 100L * 1024 * 1024 * 1024, 1), await org.Admin.Client.GetFromJsonAsync<UsageDto>("/api/v1/files/usage"));

        // Attaching the deleted one now fails cleanly.
        var late = await app.WithScopeAsync(sp => sp.GetRequiredService<IFileAttachments>()
            .AttachAsync(org.Id, org.Admin.Id, [orphan.Id], new FileOwner("test", Guid.NewGuid()), CancellationToken.None));
        Assert.False(late.Succeeded);
    }

    [Fact]
    public async Task Verify_reports_missing_corrupt_and_orphaned_objects_and_exits_non_zero()
    {
        var org = await app.CreateOrganizationAsync();
        var good = await FileApi.UploadAsync(org.Admin.Client, "good.bin", FileApi.RandomBytes(50_000, seed: 1));
        var corrupt = await FileApi.UploadAsync(org.Admin.Client, "corrupt.bin", FileApi.RandomBytes(50_000, seed: 2));
        var missing = await FileApi.UploadAsync(org.Admin.Client, "missing.bin", FileApi.RandomBytes(50_000, seed: 3));

        Assert.Equal(0, await VerifyExitCodeAsync(org.Id));

        var flipped = FileApi.RandomBytes(50_000, seed: 2);
        flipped[25_000] ^= 0xFF;
        await app.Store.PutAsync(ObjectKeys.Content(org.Id, corrupt.Id), new MemoryStream(flipped), CancellationToken.None);
        await app.Store.DeleteAsync(ObjectKeys.Content(org.Id, missing.Id), CancellationToken.None);
        var stray = ObjectKeys.Content(org.Id, Guid.CreateVersion7());
        await app.Store.PutAsync(stray, new MemoryStream([9, 9, 9]), CancellationToken.None);

        var report = await app.WithScopeAsync(sp => sp.GetRequiredService<StorageVerifier>().VerifyAsync(org.Id, null, CancellationToken.None));
        Assert.Equal(3, report.FilesChecked);
        Assert.Equal(150_000 - 50_000, report.BytesChecked);
        Assert.Equal(missing.Id, Assert.Single(report.Problems, p => p.Kind == ProblemKind.Missing).FileId);
        var bad = Assert.Single(report.Problems, p => p.Kind == ProblemKind.Corrupt);
        Assert.Equal(corrupt.Id, bad.FileId);
        Assert.Contains("SHA-256", bad.Detail, StringComparison.Ordinal);
        Assert.Equal(stray, Assert.Single(report.Problems, p => p.Kind == ProblemKind.Orphaned).Key);
        Assert.DoesNotContain(report.Problems, p => p.FileId == good.Id);
        Assert.Equal(1, await VerifyExitCodeAsync(org.Id));
    }

    [Fact]
    public async Task Previews_stuck_in_pending_are_queued_again_and_given_up_after_three_tries()
    {
        var org = await app.CreateOrganizationAsync();
        var file = await FileApi.UploadAsync(org.Admin.Client, "notes.zip", FileApi.RandomBytes(100));
        await FileApi.WaitForPreviewAsync(org.Admin.Client, file.Id, status => status != "pending");

        // As if the job had been lost (the in-memory bus of a node that died): pending, twenty minutes old (older than the 10-minute staleness, younger than the other test's 1-hour orphan age).
        await SetPreviewAsync(file.Id, requeues: 0);
        Assert.Equal(1, await RequeueAsync());
        await FileApi.WaitForPreviewAsync(org.Admin.Client, file.Id, status => status == "unsupported");

        await SetPreviewAsync(file.Id, requeues: 3);
        Assert.Equal(0, await RequeueAsync());
        var gaveUp = await org.Admin.Client.GetFromJsonAsync<FileDto>($"/api/v1/files/{file.Id}");
        Assert.Equal("failed", gaveUp!.Preview.Status);
        Assert.Contains("tried several times", gaveUp.Preview.Reason, StringComparison.Ordinal);
    }

    private Task<int> SetPreviewAsync(Guid fileId, int requeues) => app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
        $"UPDATE files.files SET preview_status = 'pending', preview_requeues = {requeues}, created_at = now() - interval '20 minutes' WHERE id = {fileId}"));

    private Task<int> RequeueAsync() => app.WithScopeAsync(sp =>
        new PreviewRequeue(sp.GetRequiredService<FilesDbContext>(), TimeProvider.System, NullLogger<PreviewRequeue>.Instance)
            .RunOnceAsync(TimeSpan.FromMinutes(10), CancellationToken.None));

    private Task<int> CleanAsync(TimeSpan orphanAge) => app.WithScopeAsync(sp =>
    {
        var options = Options.Create(new FilesOptions { OrphanAge = orphanAge });
        return new OrphanCleanup(sp.GetRequiredService<FilesDbContext>(), sp.GetRequiredService<IObjectStore>(), options,
            TimeProvider.System, NullLogger<OrphanCleanup>.Instance).RunOnceAsync(CancellationToken.None);
    });

    private Task<int> VerifyExitCodeAsync(Guid org)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("organization", (string?)org.ToString())]).Build();
        return StorageCommand.RunAsync(app.Services, config, "verify", CancellationToken.None);
    }
}
