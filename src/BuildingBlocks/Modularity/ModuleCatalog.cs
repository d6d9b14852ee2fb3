using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Modularity;

/// <summary>A module that is loaded on this node, as the node-info endpoint reports it.</summary>
public sealed record LoadedModule(string Name, IReadOnlyList<string> Roles);

/// <summary>
/// The modules a node has loaded. Each module's <c>Add…Module</c> asks <see cref="TryLoad"/>
/// first and registers nothing when the node's roles exclude it.
/// </summary>
public sealed class ModuleCatalog(NodeRoles roles)
{
    private readonly List<LoadedModule> _loaded = [];

    public NodeRoles NodeRoles { get; } = roles;

    public IReadOnlyList<LoadedModule> Loaded => _loaded;

    public bool IsLoaded(string module) => _loaded.Any(m => m.Name == module);

    public bool TryLoad(string module, params string[] runsOn)
    {
        if (!NodeRoles.HasAny(runsOn))
            return false;
        if (!IsLoaded(module))
            _loaded.Add(new LoadedModule(module, runsOn));
        return true;
    }
}

public static class ModuleCatalogExtensions
{
    public static ModuleCatalog GetModuleCatalog(this IServiceCollection services) =>
        (ModuleCatalog?)services.FirstOrDefault(d => d.ServiceType == typeof(ModuleCatalog))?.ImplementationInstance
        ?? throw new InvalidOperationException("AddPlatformModularity must be called before any module is added.");

    public static ModuleCatalog GetModuleCatalog(this WebApplication app) =>
        app.Services.GetRequiredService<ModuleCatalog>();
}
