using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modularity;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Files.Attachments;
using Platform.Modules.Files.Cleanup;
using Platform.Modules.Files.Contracts;
using Platform.Modules.Files.Data;
using Platform.Modules.Files.Download;
using Platform.Modules.Files.PreviewJobs;
using Platform.Modules.Files.Previews;
using Platform.Modules.Files.Storage;
using Platform.Modules.Files.Upload;
using Platform.Modules.Files.Usage;
using Platform.Modules.Files.Verify;

namespace Platform.Modules.Files;

/// <summary>
/// Files, by role: upload and download on <c>files</c> nodes (the seed's files service), previews on <c>workers</c>
/// (preview-generator), the orphan clean-up on <c>scheduler</c>, and on <c>web</c> nodes only what other modules call
/// (attaching files to tasks). Every node that touches bytes must see the same store (a shared folder or S3).
/// </summary>
public static class FilesModule
{
    public const string Name = "files";

    public static IHostApplicationBuilder AddFilesModule(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var catalog = services.GetModuleCatalog();
        if (!catalog.TryLoad(Name, PlatformRoles.Files, PlatformRoles.Workers, PlatformRoles.Scheduler, PlatformRoles.Web))
            return builder;
        var roles = catalog.NodeRoles;
        services.AddOptions<FilesOptions>().Bind(builder.Configuration.GetSection(FilesOptions.Section));
        services.AddModuleDbContext<FilesDbContext>(FilesDbContext.Schema);
        services.AddScoped<FileReadAccess>();
        services.AddScoped<IFileAttachments, FileAttachments>();
        if (!roles.HasAny([PlatformRoles.Files, PlatformRoles.Workers, PlatformRoles.Scheduler]))
            return builder;

        services.AddObjectStore();
        services.AddScoped<StorageVerifier>();
        if (roles.HasAny([PlatformRoles.Files, PlatformRoles.Scheduler]))
        {
            // Uploads (files) and preview requeues (scheduler) write FileUploaded to this module's outbox.
            IntegrationEventTypes.Register<FileUploaded>();
            services.AddOutboxRelay(FilesDbContext.Schema);
        }

        if (roles.Has(PlatformRoles.Files))
            services.AddScoped<FileUploader>();

        if (roles.Has(PlatformRoles.Workers))
        {
            services.AddPreviewRenderer();
            services.AddModuleConsumers(bus => bus.AddConsumer<PreviewJobConsumer>()
                .Endpoint(e => e.ConcurrentMessageLimit = Math.Max(1, Environment.ProcessorCount / 2)));
        }

        if (roles.Has(PlatformRoles.Scheduler))
        {
            services.AddScoped<OrphanCleanup>();
            services.AddScoped<PreviewRequeue>();
            services.AddHostedService<OrphanCleanupService>();
        }

        return builder;
    }

    /// <summary>The operator's <c>storage verify</c> and <c>storage quota</c> commands (see StorageCommand).</summary>
    public static Task<int> RunStorageCommandAsync(IServiceProvider services, Microsoft.Extensions.Configuration.IConfiguration config,
        string? subcommand, CancellationToken ct) => StorageCommand.RunAsync(services, config, subcommand, ct);

    public static WebApplication MapFilesEndpoints(this WebApplication app)
    {
        if (!app.GetModuleCatalog().NodeRoles.Has(PlatformRoles.Files))
            return app;
        var files = app.MapGroup("/api/v1/files").WithTags("Files").RequireAuthorization(PlatformPolicies.Member);
        UploadEndpoint.Map(files);
        DownloadEndpoints.Map(files);
        UsageEndpoint.Map(files);
        return app;
    }
}
