using Microsoft.Extensions.DependencyInjection;

namespace Platform.Modules.Files.Previews;

internal static class PreviewServiceCollectionExtensions
{
    /// <summary>Registers <see cref="PreviewRenderer"/>; options come from <see cref="FilesOptions.Previews"/>, bound by the module.</summary>
    public static IServiceCollection AddPreviewRenderer(this IServiceCollection services) =>
        services.AddSingleton<PreviewRenderer>();
}
