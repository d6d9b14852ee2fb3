using Platform.IntegrationTests.Files.Storage;

namespace Platform.IntegrationTests.Files;

/// <summary><see cref="FilesApp"/> on the S3 backend: a real s3rver process, the bucket created by the host at start.</summary>
public sealed class FilesS3App : FilesApp
{
    private readonly S3rverFixture _s3 = new();
    private readonly string _bucket = S3rverFixture.NewBucketName();

    protected override IReadOnlyDictionary<string, string> BackendSettings => new Dictionary<string, string>
    {
        ["Platform:Files:Backend"] = "s3",
        ["Platform:Files:S3:ServiceUrl"] = _s3.Server.ServiceUrl,
        ["Platform:Files:S3:AccessKey"] = Platform.LocalResources.S3rverServer.AccessKey,
        ["Platform:Files:S3:SecretKey"] = Platform.LocalResources.S3rverServer.SecretKey,
        ["Platform:Files:S3:Bucket"] = _bucket,
        ["Platform:Files:S3:PartSizeBytes"] = (5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        await _s3.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _s3.DisposeAsync();
    }
}
