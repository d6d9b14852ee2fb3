using System.Diagnostics;
using System.Security.Cryptography;
using Platform.Modules.Files.Storage;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Files.Storage;

/// <summary>
/// What every <see cref="IObjectStore"/> must do, run once per backend by the classes deriving from it. Each test
/// gets an empty store (a fresh folder, a fresh bucket).
/// </summary>
public abstract class ObjectStoreContract(ITestOutputHelper output) : IAsyncLifetime
{
    protected const int PartSize = 5 * 1024 * 1024;

    private static readonly Guid TenantA = Guid.CreateVersion7();
    private static readonly Guid TenantB = Guid.CreateVersion7();

    internal IObjectStore Store { get; private set; } = null!;

    protected ITestOutputHelper Output => output;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A new, empty store, with parts of <see cref="PartSize"/> where the backend has parts.</summary>
    internal abstract Task<IObjectStore> CreateStoreAsync();

    /// <summary>Fails when a failed put left anything behind (a temporary file, an unfinished multipart upload).</summary>
    protected abstract Task AssertNoPartialUploadsAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(PartSize)]
    [InlineData(20_000_000)]
    public async Task Content_round_trips_byte_for_byte(int length)
    {
        var key = ContentKey(TenantA);

        var stored = await Store.PutAsync(key, new GeneratedContent(length, seed: 7), CancellationToken.None);

        Assert.Equal(new StoredObject(key, length, stored.LastModified), stored);
        Assert.Equal(GeneratedContent.Sha256(length, seed: 7), await Sha256Async(key));
        Assert.Equal(length, (await Store.StatAsync(key, CancellationToken.None))?.Length);
        await AssertNoPartialUploadsAsync();
    }

    [Fact]
    public async Task A_put_over_an_existing_key_replaces_the_object()
    {
        var key = ContentKey(TenantA);
        await Store.PutAsync(key, new GeneratedContent(PartSize + 10, seed: 1), CancellationToken.None);

        await Store.PutAsync(key, new GeneratedContent(1000, seed: 2), CancellationToken.None);

        Assert.Equal(GeneratedContent.Sha256(1000, seed: 2), await Sha256Async(key));
        Assert.Equal(1000, (await Store.StatAsync(key, CancellationToken.None))?.Length);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(2 * PartSize + 100_000)]
    public async Task A_put_whose_content_fails_midway_leaves_nothing_and_keeps_the_old_object(int failAfter)
    {
        var fresh = ContentKey(TenantA);
        var existing = ContentKey(TenantA);
        await Store.PutAsync(existing, new GeneratedContent(3000, seed: 3), CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() =>
            Store.PutAsync(fresh, new GeneratedContent(50_000_000, seed: 4) { FailAfter = failAfter }, CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() =>
            Store.PutAsync(existing, new GeneratedContent(50_000_000, seed: 4) { FailAfter = failAfter }, CancellationToken.None));

        Assert.Null(await Store.StatAsync(fresh, CancellationToken.None));
        Assert.Null(await Store.OpenReadAsync(fresh, CancellationToken.None));
        Assert.Equal(GeneratedContent.Sha256(3000, seed: 3), await Sha256Async(existing));
        await AssertNoPartialUploadsAsync();
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(2 * PartSize + 100_000)]
    public async Task A_cancelled_put_leaves_nothing(int cancelAfter)
    {
        var key = ContentKey(TenantA);
        using var cancel = new CancellationTokenSource();
        var content = new GeneratedContent(50_000_000, seed: 5) { CancelSource = cancel, CancelAfterBytes = cancelAfter };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PutAsync(key, content, cancel.Token));

        Assert.True(content.Produced < 50_000_000, "the put read on after it was cancelled");
        Assert.Null(await Store.StatAsync(key, CancellationToken.None));
        await AssertNoPartialUploadsAsync();
    }

    [Fact]
    public async Task The_read_stream_seeks_and_reads_any_range()
    {
        const int length = 1_000_003;
        var expected = GeneratedContent.Bytes(length, seed: 6);
        var key = ContentKey(TenantA);
        await Store.PutAsync(key, new GeneratedContent(length, seed: 6), CancellationToken.None);

        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        Assert.True(stream.CanSeek);
        Assert.Equal(length, stream.Length);

        stream.Seek(500_000, SeekOrigin.Begin);
        Assert.Equal(expected.AsSpan(500_000, 12_345).ToArray(), await ReadAsync(stream, 12_345));
        Assert.Equal(512_345, stream.Position);

        stream.Seek(-1, SeekOrigin.End);
        Assert.Equal([expected[^1]], await ReadAsync(stream, 10));
        Assert.Equal(0, await stream.ReadAsync(new byte[10]));

        stream.Position = length + 100;
        Assert.Equal(0, await stream.ReadAsync(new byte[10]));

        stream.Position = 0;
        Assert.Equal(expected.AsSpan(0, 4096).ToArray(), await ReadAsync(stream, 4096));
        stream.Seek(10, SeekOrigin.Current);
        Assert.Equal(expected.AsSpan(4106, 100).ToArray(), await ReadAsync(stream, 100));
    }

    [Fact]
    public async Task Stat_tells_the_size_and_time_or_null()
    {
        var key = ContentKey(TenantA);
        Assert.Null(await Store.StatAsync(key, CancellationToken.None));

        await Store.PutAsync(key, new GeneratedContent(4321, seed: 8), CancellationToken.None);
        var stat = await Store.StatAsync(key, CancellationToken.None);

        Assert.NotNull(stat);
        Assert.Equal(key, stat.Key);
        Assert.Equal(4321, stat.Length);
        Assert.InRange(stat.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Delete_removes_the_object_and_a_missing_key_is_fine()
    {
        var key = ContentKey(TenantA);
        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.PutAsync(key, new GeneratedContent(10, seed: 9), CancellationToken.None);

        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.DeleteAsync(key, CancellationToken.None);

        Assert.Null(await Store.StatAsync(key, CancellationToken.None));
        Assert.Null(await Store.OpenReadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Listing_a_tenant_prefix_returns_only_that_tenants_objects()
    {
        var fileA = Guid.CreateVersion7();
        var keysA = new[]
        {
            ObjectKeys.Content(TenantA, fileA),
            ObjectKeys.Content(TenantA, Guid.CreateVersion7()),
            ObjectKeys.Preview(TenantA, fileA, "thumb.webp"),
        };
        var keyB = ObjectKeys.Content(TenantB, Guid.CreateVersion7());
        foreach (var (key, length) in keysA.Append(keyB).Select((key, i) => (key, i + 1)))
            await Store.PutAsync(key, new GeneratedContent(length, seed: 10), CancellationToken.None);

        var tenantA = await ListAsync(ObjectKeys.TenantPrefix(TenantA));
        var previews = await ListAsync(ObjectKeys.PreviewPrefix(TenantA, fileA));
        var everything = await ListAsync("");

        Assert.Equal(keysA.Select((key, i) => (key, (long)i + 1)).Order(), tenantA.Select(o => (o.Key, o.Length)).Order());
        Assert.Equal([keysA[2]], previews.Select(o => o.Key));
        Assert.Equal(keysA.Append(keyB).Order(), everything.Select(o => o.Key).Order());
        Assert.Empty(await ListAsync(ObjectKeys.TenantPrefix(Guid.CreateVersion7())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/abs/key")]
    [InlineData("../outside")]
    [InlineData("a/../../b")]
    [InlineData("a//b")]
    [InlineData("a/b/")]
    [InlineData("Upper/case")]
    [InlineData("a\\b")]
    [InlineData("a b")]
    [InlineData(".tmp/x")]
    [InlineData("a/./b")]
    public async Task Invalid_keys_are_rejected(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, new GeneratedContent(1, seed: 1), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.StatAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => ListAsync("../" + key));
    }

    /// <summary>A measurement more than a check (the output shows the rates); it also proves a 40-part object whole.</summary>
    [Fact]
    public async Task A_200_MB_object_round_trips_and_its_throughput_is_reported()
    {
        const long length = 200L * 1024 * 1024;
        var key = ContentKey(TenantA);
        var generate = Stopwatch.StartNew();
        var expected = GeneratedContent.Sha256(length, seed: 11);
        output.WriteLine($"generate+hash {generate.Elapsed.TotalSeconds:0.00} s");

        var put = Stopwatch.StartNew();
        await Store.PutAsync(key, new GeneratedContent(length, seed: 11), CancellationToken.None);
        put.Stop();
        var get = Stopwatch.StartNew();
        var actual = await Sha256Async(key);
        get.Stop();

        Assert.Equal(expected, actual);
        output.WriteLine($"{Store.Kind}: put {length / 1048576.0 / put.Elapsed.TotalSeconds:0} MiB/s ({put.Elapsed.TotalSeconds:0.00} s), " +
                         $"get+SHA-256 {length / 1048576.0 / get.Elapsed.TotalSeconds:0} MiB/s ({get.Elapsed.TotalSeconds:0.00} s)");
    }

    internal static string ContentKey(Guid tenant) => ObjectKeys.Content(tenant, Guid.CreateVersion7());

    internal async Task<byte[]> Sha256Async(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None)
                                 ?? throw new InvalidOperationException($"{key} does not exist.");
        return await SHA256.HashDataAsync(stream);
    }

    internal async Task<List<StoredObject>> ListAsync(string prefix)
    {
        var objects = new List<StoredObject>();
        await foreach (var stored in Store.ListAsync(prefix, CancellationToken.None))
            objects.Add(stored);
        return objects;
    }

    private static async Task<byte[]> ReadAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        var filled = 0;
        int read;
        while (filled < count && (read = await stream.ReadAsync(buffer.AsMemory(filled))) > 0)
            filled += read;
        return buffer[..filled];
    }
}
