using Amazon.Runtime;
using Amazon.S3;
using Platform.LocalResources;
using Platform.Modules.Files;

namespace Platform.IntegrationTests.Files.Storage;

/// <summary>One real s3rver per test class, in a temporary folder removed afterwards.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "platform-s3-" + Guid.NewGuid().ToString("N")[..12]);

    public S3rverServer Server { get; private set; } = null!;

    /// <summary>A plain client on the server, for what the store does not expose (e.g. listing multipart uploads).</summary>
    public AmazonS3Client Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = new S3rverServer(Path.Combine(_root, "data"), PortAllocator.GetFreeTcpPort());
        await Server.StartAsync(CancellationToken.None);
        Client = new AmazonS3Client(new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey),
            new AmazonS3Config { ServiceURL = Server.ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    }

    internal S3StoreOptions Options(string bucket) => new()
    {
        ServiceUrl = Server.ServiceUrl,
        AccessKey = S3rverServer.AccessKey,
        SecretKey = S3rverServer.SecretKey,
        Bucket = bucket,
        PartSizeBytes = 5 * 1024 * 1024,
    };

    /// <summary>A bucket name no other test uses.</summary>
    public static string NewBucketName() => "test-" + Guid.NewGuid().ToString("N")[..20];

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
