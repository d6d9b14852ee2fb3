using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Platform.ArchitectureTests;

/// <summary>
/// Modules talk only through Contracts and integration events. Checked on the compiled
/// assemblies: a reference the compiler kept is a dependency, whatever the source looks like.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private const string ModulePrefix = "Platform.Modules.";

    private static readonly IReadOnlyList<Assembly> ModuleAssemblies = LoadModuleAssemblies();

    private static List<Assembly> LoadModuleAssemblies()
    {
        var folder = AppContext.BaseDirectory;
        return Directory.GetFiles(folder, ModulePrefix + "*.dll")
            .Select(path => Assembly.LoadFrom(path))
            .OrderBy(a => a.GetName().Name)
            .ToList();
    }

    private static bool IsContracts(string name) => name.EndsWith(".Contracts", StringComparison.Ordinal);

    private static string ModuleOf(string assemblyName) =>
        assemblyName[ModulePrefix.Length..].Split('.')[0];

    [Fact]
    public void The_modules_under_test_were_found()
    {
        var names = ModuleAssemblies.Select(a => a.GetName().Name!).ToList();
        Assert.Contains("Platform.Modules.Identity", names);
        Assert.Contains("Platform.Modules.Tasks", names);
        Assert.Contains("Platform.Modules.Tasks.Contracts", names);
        Assert.Contains("Platform.Modules.Realtime", names);
    }

    [Fact]
    public void No_module_references_another_modules_implementation()
    {
        var violations = (
            from assembly in ModuleAssemblies
            let name = assembly.GetName().Name!
            from reference in assembly.GetReferencedAssemblies()
            let target = reference.Name!
            where target.StartsWith(ModulePrefix, StringComparison.Ordinal)
                  && !IsContracts(target)
                  && ModuleOf(target) != ModuleOf(name)
            select $"{name} -> {target}").ToList();
        Assert.True(violations.Count == 0, "Modules may only reference other modules' Contracts:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Contracts_depend_on_nothing_but_other_contracts_and_the_abstractions()
    {
        var violations = (
            from assembly in ModuleAssemblies
            let name = assembly.GetName().Name!
            where IsContracts(name)
            from reference in assembly.GetReferencedAssemblies()
            let target = reference.Name!
            where target.StartsWith("Platform.", StringComparison.Ordinal)
                  && !IsContracts(target)
                  && target != "Platform.BuildingBlocks.Abstractions"
            select $"{name} -> {target}").ToList();
        Assert.True(violations.Count == 0, "Contracts must stay dependency-free:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Module_DbContexts_are_internal_and_sealed_so_no_one_else_can_query_a_modules_tables()
    {
        var contexts = ModuleAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(DbContext).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        Assert.NotEmpty(contexts);
        Assert.All(contexts, t => Assert.True(!t.IsPublic && t.IsSealed, $"{t.FullName} must be internal sealed"));
    }

    [Fact]
    public void Every_public_type_of_a_module_is_its_entry_point_or_a_contract()
    {
        // Besides Contracts, a module exposes its Add…Module/Map…Endpoints class and, for the
        // host's CLI, Identity's organisation setup. Anything else public is a leak.
        var allowed = new HashSet<string>(StringComparer.Ordinal)
        {
            "Platform.Modules.Identity.Setup.OrganizationSetup",
            "Platform.Modules.Identity.Setup.NewOrganization",
            "Platform.Modules.Identity.Setup.CreatedOrganization",
            "Platform.Modules.Identity.Setup.OrganizationSetupResult",
        };
        var leaks = ModuleAssemblies
            .Where(a => !IsContracts(a.GetName().Name!))
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.Name.EndsWith("Module", StringComparison.Ordinal) && !allowed.Contains(t.FullName!))
            .Where(t => t.Namespace?.EndsWith(".Migrations", StringComparison.Ordinal) != true)
            .Select(t => t.FullName)
            .ToList();
        Assert.True(leaks.Count == 0, "Unexpected public types:\n" + string.Join("\n", leaks));
    }
}
