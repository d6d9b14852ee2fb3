namespace Platform.LocalResources;

/// <summary>Where <see cref="S3rverServer"/> finds its script, its npm packages and Node.js.</summary>
public static class S3rverTool
{
    private const string Prereqs = "scripts/prereqs.sh";

    /// <summary>
    /// tools/s3rver of the repository holding the running code: the first folder above the binaries (a test's bin
    /// folder, the AppHost's) that holds Platform.sln.
    /// </summary>
    public static string LocateDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                return Path.Combine(dir.FullName, "tools", "s3rver");
        }

        throw new PrerequisiteMissingException(
            $"No Platform.sln above {AppContext.BaseDirectory}, so no tools/s3rver: run from the repository's build output, or set S3rverServer.ToolDirectory.");
    }

    /// <summary>server.js, after checking that s3rver is installed beside it.</summary>
    public static string LocateScript(string toolDirectory)
    {
        var script = Path.Combine(toolDirectory, "server.js");
        if (!File.Exists(script))
            throw new PrerequisiteMissingException($"{script} is missing: the repository checkout is incomplete.");
        if (!File.Exists(Path.Combine(toolDirectory, "node_modules", "s3rver", "bin", "s3rver.js")))
        {
            throw new PrerequisiteMissingException(
                $"s3rver is not installed in {toolDirectory}/node_modules. Run {Prereqs} (it runs npm ci there), or: cd {toolDirectory} && npm ci",
                $"cd {toolDirectory} && npm ci");
        }

        return script;
    }

    /// <summary>The node executable on PATH.</summary>
    public static string LocateNode()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "node");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new PrerequisiteMissingException($"Node.js (node) is not on PATH; s3rver needs it. See {Prereqs}.");
    }
}
