using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Platform.LocalResources;

/// <summary>
/// A private RabbitMQ node from Debian's rabbitmq-server, living in <see cref="DataDirectory"/>, started without systemd
/// (<c>rabbitmq-server -detached</c>), so that several coexist with each other and with a system node:
/// <list type="bullet">
/// <item>its own node name (<c>platform-&lt;amqp port&gt;@localhost</c>), AMQP port (bound to 127.0.0.1 only) and Erlang
/// distribution port (AMQP + 20000 when free and below the ephemeral range, as RabbitMQ's own default does, else any free port);</item>
/// <item>its own HOME inside the folder, so its Erlang cookie is private (written before the first start);</item>
/// <item>its own epmd on a private port (<c>ERL_EPMD_PORT</c>), started by the node and stopped with it: nothing is
/// left running after <see cref="StopAsync"/>, and a system RabbitMQ's epmd on 4369 is never touched;</item>
/// <item>no plugins (the management plugin is off), <c>/etc/rabbitmq/rabbitmq-env.conf</c> shadowed by an empty file.</item>
/// </list>
/// The node runs as the calling user (root included: RabbitMQ does not mind, and no file changes owner). A node still
/// running on the folder (its beam's <c>-home</c> is this folder's) is reused, like <see cref="PostgresServer"/> does.
/// To use the CLI on it by hand: <c>set -a; . DIR/node.env; set +a; /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBITMQ_NODENAME" status</c>.
/// A development and test broker (guest/guest over loopback), never a production one.
/// </summary>
public sealed partial class RabbitMqServer : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _binDirectory;
    private bool _launched;

    public RabbitMqServer(string dataDirectory, int amqpPort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amqpPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amqpPort, 65535);
        DataDirectory = Path.GetFullPath(dataDirectory);
        AmqpPort = amqpPort;
    }

    public string DataDirectory { get; }

    /// <summary>The port asked for, or the one of the already-running node that was reused.</summary>
    public int AmqpPort { get; private set; }

    /// <summary>The Erlang distribution port (CLI tools reach the node on it); 0 until started.</summary>
    public int DistributionPort { get; private set; }

    /// <summary>The private epmd's port; 0 until started.</summary>
    public int EpmdPort { get; private set; }

    public string NodeName => string.Create(CultureInfo.InvariantCulture, $"platform-{AmqpPort}@localhost");

    /// <summary><c>amqp://guest:guest@127.0.0.1:&lt;port&gt;/</c> (guest may log in over loopback only, RabbitMQ's default).</summary>
    public string AmqpUri => string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{AmqpPort}/");

    /// <summary>How long <see cref="StartAsync"/> waits for the node to boot.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string LogDirectory => Path.Combine(DataDirectory, "log");

    /// <summary>The node's log (RabbitMQ names it after the node).</summary>
    public string LogFile => Path.Combine(LogDirectory, $"{NodeName}.log");

    /// <summary>True when <see cref="StartAsync"/> found a node already running on the data folder.</summary>
    public bool ReusedRunningNode { get; private set; }

    /// <summary>The node's beam.smp process id while it runs.</summary>
    public int? ProcessId => FindBeamProcess();

    /// <summary>How long the last <see cref="StartAsync"/> / <see cref="StopAsync"/> took.</summary>
    public TimeSpan? LastStartDuration { get; private set; }

    public TimeSpan? LastStopDuration { get; private set; }

    /// <summary>
    /// Starts the node (or reuses the one running on the folder) and returns once it is fully booted
    /// (its AMQP port accepts connections and <c>rabbitmqctl await_startup</c> agrees).
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            _binDirectory ??= RabbitMqBinaries.Locate();
            Directory.CreateDirectory(DataDirectory);
            if (FindBeamProcess() is not null && NodeState.TryRead(StateFile) is { } running)
            {
                Apply(running);
                ReusedRunningNode = true;
                _launched = true;
                await WaitUntilBootedAsync(DateTime.UtcNow, ct);
                LastStartDuration = stopwatch.Elapsed;
                return;
            }

            ReusedRunningNode = false;
            await KillLeftoversAsync();
            if (PortAllocator.IsInUse(AmqpPort))
            {
                throw new InvalidOperationException(
                    $"Port {AmqpPort} is already in use by another program; RabbitMQ for {DataDirectory} cannot start on it.");
            }

            Apply(new NodeState(AmqpPort, ChooseDistributionPort(AmqpPort), PortAllocator.GetFreeTcpPort()));
            await PrepareFolderAsync(ct);
            var launchedAt = DateTime.UtcNow;
            _launched = true;
            await RunAsync("rabbitmq-server", ["-detached"], TimeSpan.FromSeconds(30), ct);
            await WaitUntilBootedAsync(launchedAt, ct);
            LastStartDuration = stopwatch.Elapsed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops the node gracefully with SIGTERM (RabbitMQ's documented equivalent of <c>rabbitmqctl stop</c>: durable
    /// queues and persistent messages stay in the folder; 1.3 s here against 3.7 s for <c>rabbitmqctl stop</c>, which
    /// first boots an Erlang VM), SIGKILL after 30 s, then stops the node's private epmd: nothing is left running.
    /// Does nothing when this instance did not start (or reuse) a node.
    /// </summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_launched)
            {
                return;
            }

            var stopwatch = Stopwatch.StartNew();
            await KillLeftoversAsync();
            _launched = false;
            LastStopDuration = stopwatch.Elapsed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the node and starts it again on the same folder and ports (messages in durable queues survive).</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        await StopAsync();
        await StartAsync(ct);
    }

    /// <summary>True when the AMQP port accepts a TCP connection right now (a bare connect: RabbitMQ logs nothing for it).</summary>
    public async Task<bool> IsAcceptingAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, AmqpPort, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Runs a RabbitMQ CLI tool (rabbitmqctl, rabbitmq-diagnostics, rabbitmq-queues, …) against this node.</summary>
    public Task<ProcessResult> RunCliAsync(string tool, IEnumerable<string> arguments, CancellationToken ct)
    {
        _binDirectory ??= RabbitMqBinaries.Locate();
        return RunAsync(tool, ["-n", NodeName, .. arguments], TimeSpan.FromSeconds(60), ct);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _gate.Dispose();
    }
}
