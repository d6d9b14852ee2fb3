using System.Reflection;

namespace Platform.AppHost.Hosting;

/// <summary>
/// Where things are: the repository root (the folder holding Platform.sln), the data folder (its .data unless
/// <c>--data</c> names another), the host build.
/// </summary>
public sealed class RepoLayout
{
    private RepoLayout(string root, string? dataDirectory)
    {
        Root = root;
        DataDirectory = dataDirectory ?? Path.Combine(root, ".data");
    }

    public string Root { get; }

    /// <summary>PostgreSQL, RabbitMQ, uploaded files, logs and pid files of the children: everything kept across runs.</summary>
    public string DataDirectory { get; }
    public string LogDirectory => Path.Combine(DataDirectory, "logs");
    public string HostProjectDirectory => Path.Combine(Root, "src", "Host");

    /// <summary>src/Host/bin/&lt;Configuration&gt;/&lt;tfm&gt;/Platform.Host.dll, the configuration this AppHost was built with.</summary>
    public string HostAssembly => Path.Combine(HostProjectDirectory, "bin", Metadata("HostConfiguration"),
        Metadata("HostTargetFramework"), "Platform.Host.dll");

    public string DataPath(string name) => Path.Combine(DataDirectory, name);

    /// <summary>For messages: relative to the repository when inside it, else absolute (a --data folder elsewhere).</summary>
    public string Relative(string path)
    {
        var relative = Path.GetRelativePath(Root, path);
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || Path.IsPathRooted(relative);
        return outside ? path : relative;
    }

    /// <param name="dataDirectory">An absolute data folder, or null for the repository's <c>.data</c>.</param>
    public static RepoLayout Find(string? dataDirectory = null)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                {
                    return new RepoLayout(dir.FullName, dataDirectory);
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
