using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Modules.Files.Storage;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Files.Storage;

public sealed class S3ObjectStoreTests(S3rverFixture s3, ITestOutputHelper output)
    : ObjectStoreContract(output), IClassFixture<S3rverFixture>
{
    private readonly string _bucket = S3rverFixture.NewBucketName();

    private S3ObjectStore S3Store => (S3ObjectStore)Store;

    internal override async Task<IObjectStore> CreateStoreAsync()
    {
        var store = new S3ObjectStore(s3.Options(_bucket), NullLogger<S3ObjectStore>.Instance);
        await store.EnsureBucketAsync(CancellationToken.None);
        return store;
    }

    protected override async Task AssertNoPartialUploadsAsync()
    {
        var uploads = await s3.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket });
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    public override Task DisposeAsync()
    {
        S3Store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Ensuring_an_existing_bucket_changes_nothing()
    {
        var key = ContentKey(Guid.CreateVersion7());
        await Store.PutAsync(key, new GeneratedContent(10, seed: 1), CancellationToken.None);

        await S3Store.EnsureBucketAsync(CancellationToken.None);

        Assert.Equal(10, (await Store.StatAsync(key, CancellationToken.None))?.Length);
    }

    [Fact]
    public async Task Content_of_several_parts_is_one_object_on_the_server()
    {
        var key = ContentKey(Guid.CreateVersion7());

        await Store.PutAsync(key, new GeneratedContent(2 * PartSize + 1, seed: 2), CancellationToken.None);

        var listed = await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket });
        var only = Assert.Single(listed.S3Objects ?? []);
        Assert.Equal((key, 2L * PartSize + 1), (only.Key, only.Size ?? -1));
    }
}
