using System.Reflection;

namespace Platform.AppHost.Hosting;

/// <summary>Where things are: the repository root (the folder holding Platform.sln), its .data folder, the host build.</summary>
public sealed class RepoLayout
{
    private RepoLayout(string root) => Root = root;

    public string Root { get; }
    public string DataDirectory => Path.Combine(Root, ".data");
    public string LogDirectory => Path.Combine(DataDirectory, "logs");
    public string HostProjectDirectory => Path.Combine(Root, "src", "Host");

    /// <summary>src/Host/bin/&lt;Configuration&gt;/&lt;tfm&gt;/Platform.Host.dll, the configuration this AppHost was built with.</summary>
    public string HostAssembly => Path.Combine(HostProjectDirectory, "bin", Metadata("HostConfiguration"),
        Metadata("HostTargetFramework"), "Platform.Host.dll");

    public string DataPath(string name) => Path.Combine(DataDirectory, name);

    public string Relative(string path) => Path.GetRelativePath(Root, path);

    public static RepoLayout Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                {
                    return new RepoLayout(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (a folder holding Platform.sln) above "
            + AppContext.BaseDirectory);
    }

    private static string Metadata(string key) =>
        typeof(RepoLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing (see Platform.AppHost.csproj).");
}
