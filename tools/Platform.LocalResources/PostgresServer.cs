namespace Platform.LocalResources;

/// <summary>
/// A private PostgreSQL server from Debian's binaries, living in <see cref="DataDirectory"/>: initialised on first
/// start, reused when a postmaster is already running on that folder, stopped with <c>pg_ctl stop -m fast</c>.
/// Authentication is <c>trust</c> on 127.0.0.1 only: a development and test server, never a production one.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _handedOut = new();
    private string? _binDirectory;
    private bool _started;

    public PostgresServer(string dataDirectory, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port;
    }

    public string DataDirectory { get; }

    /// <summary>The port asked for, or the one of the already-running postmaster that was reused.</summary>
    public int Port { get; private set; }

    /// <summary>False (tests) turns off fsync, synchronous_commit and full_page_writes: fast, but a crash may lose data.</summary>
    public bool Durable { get; init; } = true;

    /// <summary>Server log; defaults to a file next to (not inside) the data folder.</summary>
    public string LogFile { get => field ?? DataDirectory + ".log"; init; }

    /// <summary>Extra <c>-c name=value</c> server settings.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>True when <see cref="StartAsync"/> found a postmaster already running on the data folder.</summary>
    public bool ReusedRunningServer { get; private set; }

    /// <summary>The postmaster's process id while it runs.</summary>
    public int? ProcessId => PostmasterPidFile.TryRead(DataDirectory)?.Pid;

    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _binDirectory ??= PostgresBinaries.Locate();
            if (PostmasterPidFile.TryRead(DataDirectory) is { IsAlive: true } running)
            {
                Port = running.Port;
                ReusedRunningServer = true;
                _started = true;
                await WaitUntilAcceptingAsync(TimeSpan.FromSeconds(30), ct);
                return;
            }

            if (PortAllocator.IsInUse(Port))
            {
                throw new InvalidOperationException(
                    $"Port {Port} is already in use by another program; PostgreSQL for {DataDirectory} cannot start on it.");
            }

            await PrepareFoldersAsync(ct);
            if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            {
                await RunAsPostgresAsync("initdb",
                    ["-D", DataDirectory, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-U", "postgres"], ct);
            }

            await RunAsPostgresAsync("pg_ctl",
                ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", LogFile, "-o", ServerOptions()], ct);
            _started = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_started || _binDirectory is null || PostmasterPidFile.TryRead(DataDirectory) is not { IsAlive: true })
            {
                return;
            }

            await RunAsPostgresAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], CancellationToken.None);
            _started = false;
            ClearConnectionPools();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _gate.Dispose();
    }
}
