using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Modularity;

namespace Platform.Modules.Files;

/// <summary>
/// Files: streamed upload and download (the seed's <c>files</c> service, on <c>files</c> nodes), previews (the seed's
/// preview-generator, on <c>workers</c> nodes) and the orphan clean-up (on <c>scheduler</c> nodes).
/// </summary>
public static class FilesModule
{
    public const string Name = "files";

    public static IHostApplicationBuilder AddFilesModule(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.GetModuleCatalog().TryLoad(Name, PlatformRoles.Files, PlatformRoles.Workers, PlatformRoles.Scheduler))
            return builder;
        builder.Services.AddOptions<FilesOptions>().Bind(builder.Configuration.GetSection(FilesOptions.Section));
        return builder;
    }

    public static WebApplication MapFilesEndpoints(this WebApplication app)
    {
        if (!app.GetModuleCatalog().IsLoaded(Name))
            return app;
        return app;
    }
}
