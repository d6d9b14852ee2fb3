using Amazon.S3.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.LocalResources;
using Platform.Modules.Files;
using Platform.Modules.Files.Storage;

namespace Platform.IntegrationTests.Files.Storage;

public sealed class ObjectStoreRegistrationTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "platform-root-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task The_local_backend_is_the_default_and_its_relative_root_is_under_the_content_root()
    {
        using var host = Build(new Dictionary<string, string?> { ["Platform:Files:Local:Root"] = "data/files" });

        await host.StartAsync();

        var store = Assert.IsType<LocalObjectStore>(host.Services.GetRequiredService<IObjectStore>());
        Assert.Equal(Path.Combine(_contentRoot, "data", "files"), store.Root);
        Assert.True(Directory.Exists(store.Root));
        Assert.Same(store, host.Services.GetRequiredService<IObjectStore>());
        await host.StopAsync();
    }

    [Fact]
    public async Task The_s3_backend_creates_its_bucket_when_the_host_starts()
    {
        var bucket = S3rverFixture.NewBucketName();
        using var host = Build(new Dictionary<string, string?>
        {
            ["Platform:Files:Backend"] = "s3",
            ["Platform:Files:S3:ServiceUrl"] = s3.Server.ServiceUrl,
            ["Platform:Files:S3:Bucket"] = bucket,
            ["Platform:Files:S3:AccessKey"] = S3rverServer.AccessKey,
            ["Platform:Files:S3:SecretKey"] = S3rverServer.SecretKey,
        });

        await host.StartAsync();

        Assert.Equal("s3", host.Services.GetRequiredService<IObjectStore>().Kind);
        await s3.Client.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Backend", "nfs", "", "Platform:Files:Backend is 'nfs'; it must be 'local' or 's3'.")]
    [InlineData("Backend", "s3", "S3:Bucket=", "Platform:Files:S3:Bucket is required.")]
    [InlineData("Backend", "s3", "S3:ServiceUrl=http://127.0.0.1:9", "Platform:Files:S3:AccessKey and SecretKey are required with a ServiceUrl")]
    [InlineData("Backend", "s3", "S3:AccessKey=only-one", "Platform:Files:S3:AccessKey and SecretKey must be given together.")]
    [InlineData("Backend", "s3", "S3:PartSizeBytes=1000", "Platform:Files:S3:PartSizeBytes must be between")]
    [InlineData("Local:Root", "", "", "Platform:Files:Local:Root is required")]
    public async Task A_wrong_setting_stops_the_host_with_a_message_naming_it(string setting, string value, string other, string message)
    {
        var settings = new Dictionary<string, string?> { ["Platform:Files:" + setting] = value };
        if (other.Split('=') is [var name, var otherValue])
            settings["Platform:Files:" + name] = otherValue;
        using var host = Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_never_appears_in_a_settings_error()
    {
        var options = new S3StoreOptions { ServiceUrl = "not a url", SecretKey = "very-secret-value", PartSizeBytes = 1 };

        var problems = S3ObjectStore.Problems(options);

        Assert.NotEmpty(problems);
        Assert.DoesNotContain(problems, p => p.Contains("very-secret-value", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_contentRoot))
            Directory.Delete(_contentRoot, recursive: true);
    }

    private IHost Build(Dictionary<string, string?> settings)
    {
        Directory.CreateDirectory(_contentRoot);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<FilesOptions>().Bind(builder.Configuration.GetSection(FilesOptions.Section));
        builder.Services.AddLogging();
        builder.Services.AddObjectStore();
        return builder.Build();
    }
}
