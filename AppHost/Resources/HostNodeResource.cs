using Platform.AppHost.Hosting;
using Platform.LocalResources;

namespace Platform.AppHost.Resources;

/// <summary>A running Platform.Host node (<c>--roles …</c>), ready once <c>/health/ready</c> answers 200.</summary>
public sealed class HostNodeResource(string name, PostgresDatabaseResource database, int port) : Resource(name), IHttpEntryPoint
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(15);
    private readonly Dictionary<string, string?> _environment = [];
    private ManagedProcess? _process;
    private ResourceLog? _log;

    public string Roles { get; private set; } = "all";
    public Uri Url { get; } = new($"http://127.0.0.1:{port}/");
    public override string Kind => "Node";
    public override int? Pid => _process is { HasExited: false } p ? p.ProcessId : null;
    public override string? Endpoint => Url.ToString().TrimEnd('/');

    public HostNodeResource WithRoles(string roles)
    {
        Roles = roles;
        return this;
    }

    public HostNodeResource WithEnvironment(string key, string? value)
    {
        _environment[key] = value;
        return this;
    }

    public HostNodeResource WithSetupToken(string token) => WithEnvironment("Platform__Setup__Token", token);

    protected override async Task<ResourceState> OnStartAsync(ResourceContext context, CancellationToken ct)
    {
        var assembly = HostExecutable.LocateAssembly(context.Layout);
        var environment = HostExecutable.BaseEnvironment(context, database.ConnectionString);
        foreach (var (key, value) in _environment)
        {
            environment[key] = value;
        }

        _log = context.OpenLog(Name);
        _process = new ManagedProcess(new ManagedProcessOptions
        {
            FileName = HostExecutable.Dotnet,
            Arguments = [assembly, "--roles", Roles, "--urls", Endpoint!],
            WorkingDirectory = context.Layout.HostProjectDirectory,
            Environment = environment,
            OnOutputLine = (line, _) => _log.Write(line),
            PidFile = context.Layout.DataPath(Path.Combine("run", $"{Name}.pid")),
        });
        if (_process.KillLeftover() is { } leftover)
        {
            _log.Write($"[apphost] killed pid {leftover}, a {Name} left running by a previous AppHost");
        }

        if (PortAllocator.IsInUse(port))
        {
            throw new InvalidOperationException($"Port {port} is already in use; choose another with --port.");
        }

        _process.Start();
        _ = _process.Exited.ContinueWith(t => OnExited(t.Result), TaskScheduler.Default);
        await _process.WaitForHttpOkAsync(new Uri(Url, "health/ready"), ReadyTimeout, ct);
        return ResourceState.Running;
    }

    protected override async Task OnStopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(StopGracePeriod);
            await _process.DisposeAsync();
        }

        _log?.Dispose();
    }

    protected override async Task<bool?> CheckHealthAsync(CancellationToken ct) =>
        await HttpProbe.IsOkAsync(new Uri(Url, "health/ready"), ct);

    private void OnExited(int exitCode)
    {
        if (State is ResourceState.Running or ResourceState.Starting)
        {
            MarkFailed($"exited on its own with code {exitCode} (see .data/logs/{Name}.log)");
        }
    }
}

public static class HostNodeBuilderExtensions
{
    public static HostNodeResource AddHostNode(this DistributedApplicationBuilder builder, string name,
        PostgresDatabaseResource database, int port) =>
        builder.AddResource(new HostNodeResource(name, database, port));
}
