namespace Platform.AppHost.Hosting;

/// <summary>What a resource may use while it starts: the repository layout, the options, its log file.</summary>
public sealed class ResourceContext(RepoLayout layout, AppHostOptions options, Action<string, string>? echo)
{
    public RepoLayout Layout { get; } = layout;
    public AppHostOptions Options { get; } = options;

    /// <summary>Opens .data/logs/&lt;name&gt;.log (the previous run's file is kept as &lt;name&gt;.previous.log).</summary>
    public ResourceLog OpenLog(string name) => new(Path.Combine(Layout.LogDirectory, $"{name}.log"), name, echo);
}
