using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Modules.Files.Storage;

internal static class ObjectStoreRegistration
{
    /// <summary>
    /// Registers <see cref="IObjectStore"/> (a singleton) for <see cref="FilesOptions.Backend"/>: "local" under
    /// <see cref="LocalStoreOptions.Root"/> (relative to the content root) or "s3". The settings are checked when the
    /// host starts (an unknown backend or missing S3 settings stop it with a message naming the setting), and the
    /// local folder or the S3 bucket is created then.
    /// </summary>
    internal static IServiceCollection AddObjectStore(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FilesOptions>, ObjectStoreOptionsValidation>());
        services.AddOptions<FilesOptions>().ValidateOnStart();
        services.TryAddSingleton<IObjectStore>(sp => Create(
            sp.GetRequiredService<IOptions<FilesOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<ObjectStoreStartup>();
        return services;
    }

    internal static IObjectStore Create(FilesOptions options, string contentRoot, ILoggerFactory loggers)
    {
        if (ObjectStoreOptionsValidation.Problems(options) is { Count: > 0 } problems)
            throw new InvalidOperationException(string.Join(" ", problems));
        return Normalize(options.Backend) switch
        {
            "local" => new LocalObjectStore(Path.Combine(contentRoot, options.Local.Root)),
            _ => new S3ObjectStore(options.S3, loggers.CreateLogger<S3ObjectStore>()),
        };
    }

    internal static string Normalize(string? backend) => (backend ?? string.Empty).Trim().ToLowerInvariant();
}

internal sealed class ObjectStoreOptionsValidation : IValidateOptions<FilesOptions>
{
    public ValidateOptionsResult Validate(string? name, FilesOptions options) =>
        Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    internal static List<string> Problems(FilesOptions options) => ObjectStoreRegistration.Normalize(options.Backend) switch
    {
        "local" => string.IsNullOrWhiteSpace(options.Local.Root) ? [$"{FilesOptions.Section}:Local:Root is required with the local backend."] : [],
        "s3" => S3ObjectStore.Problems(options.S3),
        _ => [$"{FilesOptions.Section}:Backend is '{options.Backend}'; it must be 'local' or 's3'."],
    };
}

/// <summary>Creates the local root or the S3 bucket when the node starts, so that a wrong setting fails now, not at the first upload.</summary>
internal sealed class ObjectStoreStartup(IObjectStore store, ILogger<ObjectStoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        switch (store)
        {
            case LocalObjectStore local:
                Directory.CreateDirectory(local.Root);
                logger.LogInformation("Files are stored in {Root}", local.Root);
                break;
            case S3ObjectStore s3:
                await s3.EnsureBucketAsync(cancellationToken);
                logger.LogInformation("Files are stored in the S3 bucket {Bucket}", s3.Bucket);
                break;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
