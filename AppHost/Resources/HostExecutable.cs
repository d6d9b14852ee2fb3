using Platform.AppHost.Hosting;
using Platform.LocalResources;

namespace Platform.AppHost.Resources;

/// <summary>
/// How to launch src/Host: <c>dotnet src/Host/bin/&lt;Configuration&gt;/net10.0/Platform.Host.dll</c>, from the host's
/// project folder (its content root, as under <c>dotnet run</c>). The AppHost's ProjectReference builds it first.
/// </summary>
internal static class HostExecutable
{
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path)
        ? path
        : "dotnet";

    public static string LocateAssembly(RepoLayout layout) => File.Exists(layout.HostAssembly)
        ? layout.HostAssembly
        : throw new PrerequisiteMissingException(
            $"The host is not built: {layout.Relative(layout.HostAssembly)} is missing.",
            "dotnet build src/Host (or start with: dotnet run --project AppHost)");

    public static Dictionary<string, string?> BaseEnvironment(ResourceContext context, string connectionString) => new()
    {
        ["ConnectionStrings__Platform"] = connectionString,
        ["ASPNETCORE_ENVIRONMENT"] = context.Options.Environment,
        ["DOTNET_ENVIRONMENT"] = context.Options.Environment,
    };
}
