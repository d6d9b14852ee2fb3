using System.Reflection;

namespace Platform.EndToEndTests;

/// <summary>Where things are in the checkout the tests were built from.</summary>
internal static class Repository
{
    /// <summary>The folder holding Platform.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of these tests (and so of the host built with them): Debug or Release.</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value is { Length: > 0 } configuration
            ? configuration
            : throw new InvalidOperationException("The test assembly carries no Configuration metadata (see the .csproj).");

    /// <summary>The host's build output: Platform.Host.dll with the browser client in wwwroot/.</summary>
    public static string HostDirectory => Path.Combine(Root, "src", "Host", "bin", Configuration, "net10.0");

    /// <summary>Screenshots and host logs of the end-to-end runs, kept for CI.</summary>
    public static string ArtifactsDirectory => Path.Combine(Root, "artifacts", "e2e");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"No Platform.sln above {AppContext.BaseDirectory}.");
    }
}
