using System.Security.Cryptography;
using Platform.Modules.Files.Storage;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Files.Storage;

public sealed class LocalObjectStoreTests(ITestOutputHelper output) : ObjectStoreContract(output)
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "platform-store-" + Guid.NewGuid().ToString("N")[..12]);

    private LocalObjectStore Local => (LocalObjectStore)Store;

    private string TemporaryFolder => Path.Combine(_root, LocalObjectStore.TemporaryFolderName);

    internal override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new LocalObjectStore(_root));

    protected override Task AssertNoPartialUploadsAsync()
    {
        Assert.Empty(Directory.Exists(TemporaryFolder) ? Directory.GetFileSystemEntries(TemporaryFolder) : []);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_object_is_one_file_at_its_key_under_the_root()
    {
        var key = ObjectKeys.Content(Guid.CreateVersion7(), Guid.CreateVersion7());

        await Store.PutAsync(key, new GeneratedContent(777, seed: 1), CancellationToken.None);

        var file = new FileInfo(Path.Combine(_root, key));
        Assert.True(file.Exists);
        Assert.Equal(777, file.Length);
        Assert.Equal(GeneratedContent.Sha256(777, seed: 1), SHA256.HashData(File.ReadAllBytes(file.FullName)));
        await AssertNoPartialUploadsAsync();
    }

    [Fact]
    public async Task A_download_in_progress_survives_the_delete_or_replacement_of_its_object()
    {
        const int length = 3_000_000;
        var key = ContentKey(Guid.CreateVersion7());
        await Store.PutAsync(key, new GeneratedContent(length, seed: 2), CancellationToken.None);
        await using var download = await Store.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(download);
        var first = new byte[1000];
        await download.ReadExactlyAsync(first);

        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.PutAsync(key, new GeneratedContent(10, seed: 3), CancellationToken.None);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(first);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await download.ReadAsync(buffer)) > 0)
            hash.AppendData(buffer, 0, read);

        Assert.Equal(GeneratedContent.Sha256(length, seed: 2), hash.GetHashAndReset());
        Assert.Equal(GeneratedContent.Sha256(10, seed: 3), await Sha256Async(key));
    }

    [Fact]
    public async Task Stale_temporary_files_are_deleted_and_recent_ones_kept()
    {
        Directory.CreateDirectory(TemporaryFolder);
        var stale = Path.Combine(TemporaryFolder, "stale");
        var recent = Path.Combine(TemporaryFolder, "recent");
        await File.WriteAllTextAsync(stale, "left by a crash");
        await File.WriteAllTextAsync(recent, "being written");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-3));

        var deleted = await Local.DeleteStaleTemporaryFilesAsync(TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public async Task Listing_skips_temporary_files_and_files_that_are_not_objects()
    {
        var key = ContentKey(Guid.CreateVersion7());
        await Store.PutAsync(key, new GeneratedContent(5, seed: 4), CancellationToken.None);
        Directory.CreateDirectory(TemporaryFolder);
        await File.WriteAllTextAsync(Path.Combine(TemporaryFolder, "0123abcd"), "partial");
        await File.WriteAllTextAsync(Path.Combine(_root, "README.txt"), "put here by hand");

        var listed = await ListAsync("");

        Assert.Equal([key], listed.Select(o => o.Key));
    }

    [Fact]
    public async Task A_folder_on_the_way_to_objects_is_not_an_object()
    {
        var tenant = Guid.CreateVersion7();
        await Store.PutAsync(ContentKey(tenant), new GeneratedContent(1, seed: 5), CancellationToken.None);
        var folderKey = ObjectKeys.TenantPrefix(tenant).TrimEnd('/');

        Assert.Null(await Store.OpenReadAsync(folderKey, CancellationToken.None));
        Assert.Null(await Store.StatAsync(folderKey, CancellationToken.None));
    }

    [Fact]
    public void Syncing_a_folder_works_on_folders_only()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "file");
        File.WriteAllText(file, "x");

        DirectorySync.Flush(_root);

        // ENOTDIR proves the O_DIRECTORY flag reaches open(2); ENOENT that failures are reported, not ignored.
        Assert.Contains("errno 20", Assert.Throws<IOException>(() => DirectorySync.Flush(file)).Message, StringComparison.Ordinal);
        Assert.Contains("errno 2)", Assert.Throws<IOException>(() => DirectorySync.Flush(Path.Combine(_root, "missing"))).Message, StringComparison.Ordinal);
    }
}
