using Platform.AppHost.Hosting;
using Platform.LocalResources;

namespace Platform.AppHost.Resources;

/// <summary>A running Platform.Host node (<c>--roles …</c>), ready once <c>/health/ready</c> (or its <see cref="ReadyPath"/>) answers 200.</summary>
public sealed class HostNodeResource(string name, PostgresDatabaseResource database, int port) : Resource(name), IHttpEntryPoint
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(15);
    private readonly Dictionary<string, Func<string?>> _environment = [];
    private ManagedProcess? _process;
    private ResourceLog? _log;

    public string Roles { get; private set; } = "all";

    /// <summary>What must answer 200 before the node counts as started; its health checks stay on <c>/health/ready</c>.</summary>
    public string ReadyPath { get; private set; } = "health/ready";

    /// <summary><c>Platform:NodeId</c>: the node's row in the registry (<c>platform.nodes</c>); the host picks one when null.</summary>
    public string? NodeId { get; private set; }

    public Uri Url { get; } = new($"http://127.0.0.1:{port}/");
    public override string Kind => $"Node {Roles}";
    public string Description => $"roles {Roles}";

    /// <summary>Set by <see cref="NodeRegistryMonitor"/> from the node's heartbeat.</summary>
    public override string? Load => State == ResourceState.Running ? _load : null;
    public override int? Pid => _process is { HasExited: false } p ? p.ProcessId : null;
    public override string? Endpoint => Url.ToString().TrimEnd('/');

    public HostNodeResource WithRoles(string roles)
    {
        Roles = roles;
        return this;
    }

    /// <summary>Counts the node as started only once <paramref name="path"/> answers 200 (e.g. a path it proxies).</summary>
    public HostNodeResource WithReadyPath(string path)
    {
        ReadyPath = path.TrimStart('/');
        return this;
    }

    public HostNodeResource WithEnvironment(string key, string? value) => WithEnvironment(key, () => value);

    /// <summary>A value known only when the node starts (e.g. the broker's URI once it is up).</summary>
    public HostNodeResource WithEnvironment(string key, Func<string?> value)
    {
        _environment[key] = value;
        return this;
    }

    public HostNodeResource WithNodeId(string nodeId)
    {
        NodeId = nodeId;
        return WithEnvironment("Platform__NodeId", nodeId);
    }

    /// <summary>The node joins the cluster's bus: <c>ConnectionStrings__RabbitMq</c> = the broker's amqp:// URI.</summary>
    public HostNodeResource WithReference(RabbitMqResource rabbitMq) =>
        WithEnvironment("ConnectionStrings__RabbitMq", () => rabbitMq.ConnectionString);

    public HostNodeResource WithSetupToken(string token) => WithEnvironment("Platform__Setup__Token", token);

    protected override async Task<ResourceState> OnStartAsync(ResourceContext context, CancellationToken ct)
    {
        var assembly = HostExecutable.LocateAssembly(context.Layout);
        var environment = HostExecutable.BaseEnvironment(context, database.ConnectionString);
        environment["Platform__Roles"] = Roles;
        foreach (var (key, value) in _environment)
        {
            environment[key] = value();
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
        await _process.WaitForHttpOkAsync(new Uri(Url, ReadyPath), ReadyTimeout, ct);
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

    private string? _load;

    internal void SetLoad(string? load) => _load = load;

    private void OnExited(int exitCode)
    {
        if (State is ResourceState.Running or ResourceState.Starting)
        {
            MarkFailed($"exited on its own with code {exitCode} (see {_log?.Path})");
        }
    }
}

public static class HostNodeBuilderExtensions
{
    public static HostNodeResource AddHostNode(this DistributedApplicationBuilder builder, string name,
        PostgresDatabaseResource database, int port) =>
        builder.AddResource(new HostNodeResource(name, database, port));
}
