// Debian only (PostgreSQL via setpriv, Unix file modes, apt): the AppHost starts Linux processes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Platform.AppHost;

/// <summary>
/// Where things are: the repository root (the folder holding Platform.sln) and the data folder (its .data unless
/// <c>--data</c> names another), which keeps PostgreSQL, RabbitMQ and uploaded files across runs.
/// </summary>
public sealed class DataLayout
{
    private DataLayout(string root, string? dataDirectory)
    {
        Root = root;
        DataDirectory = dataDirectory ?? Path.Combine(root, ".data");
    }

    public string Root { get; }
    public string DataDirectory { get; }

    public string DataPath(string name) => Path.Combine(DataDirectory, name);

    /// <param name="dataDirectory">An absolute data folder, or null for the repository's <c>.data</c>.</param>
    public static DataLayout Find(string? dataDirectory)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                {
                    return new DataLayout(dir.FullName, dataDirectory);
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (a folder holding Platform.sln) above "
            + AppContext.BaseDirectory);
    }
}
