using Platform.AppHost.Hosting;
using Spectre.Console;

namespace Platform.AppHost.Terminal;

/// <summary>Shows the resources' state while the AppHost runs: a live table on a terminal, plain lines otherwise.</summary>
internal abstract class StatusView(DistributedApplication app)
{
    protected static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    protected DistributedApplication App { get; } = app;

    /// <summary>Echo of resource output lines ("name | line"), or null when output goes only to log files.</summary>
    public virtual Action<string, string>? EchoLine => null;

    public static StatusView Create(DistributedApplication app, bool forcePlain)
    {
        var capabilities = AnsiConsole.Profile.Capabilities;
        var terminal = capabilities.Interactive && capabilities.Ansi && !Console.IsOutputRedirected;
        return forcePlain || !terminal ? new PlainStatusView(app) : new LiveStatusView(app);
    }

    /// <summary>Runs <paramref name="body"/> while keeping the view current; returns its exit code.</summary>
    public abstract Task<int> RunAsync(Func<Task<int>> body);

    protected static string Row(Resource r) =>
        $"{r.Name}\t{r.Kind}\t{r.State}\t{r.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}\t{r.Endpoint ?? "-"}\t{r.Health}\t{r.Detail}";
}
