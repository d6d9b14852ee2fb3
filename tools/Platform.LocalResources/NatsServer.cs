using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Platform.LocalResources;

/// <summary>
/// A private NATS server (Debian's nats-server, core pub/sub, no JetStream) on 127.0.0.1:<see cref="Port"/>, with its
/// HTTP monitoring endpoint on 127.0.0.1:<see cref="MonitorPort"/> (<c>/healthz</c>, <c>/varz</c>, <c>/connz</c>),
/// run as a child process in its own session with a pid file next to <see cref="DataDirectory"/>, so a server left by
/// a run killed hard is stopped by the next start. <see cref="Kill"/> is a kill -9 for outage tests;
/// <see cref="StartAsync"/> starts it again on the same ports. Nothing is left running after
/// <see cref="DisposeAsync"/>. A development and test server (no authentication), never a production one.
/// </summary>
public sealed class NatsServer : IAsyncDisposable
{
    public const string InstallCommand = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nats-server";
    private static readonly string[] Candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ManagedProcess? _process;
    private bool _disposed;

    public NatsServer(string dataDirectory, int port, int monitorPort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(monitorPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(monitorPort, 65535);
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port;
        MonitorPort = monitorPort;
    }

    /// <summary>Holds the server's log (core NATS keeps no data on disk).</summary>
    public string DataDirectory { get; }

    public int Port { get; }

    public int MonitorPort { get; }

    /// <summary><c>nats://127.0.0.1:&lt;port&gt;</c>, as nodes take it in <c>ConnectionStrings:Nats</c>.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{Port}");

    public Uri MonitorUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{MonitorPort}"));

    public string LogFile => Path.Combine(DataDirectory, "nats-server.log");

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The server's process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.ProcessId : null;

    public TimeSpan? LastStartDuration { get; private set; }

    /// <summary>The nats-server binary, or a <see cref="PrerequisiteMissingException"/> naming the apt command.</summary>
    public static string LocateBinary() =>
        Candidates.FirstOrDefault(File.Exists) ?? throw new PrerequisiteMissingException(
            "nats-server was not found (Debian package nats-server).", InstallCommand);

    /// <summary>Starts the server (does nothing when it runs) and returns once <c>/healthz</c> answers 200.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_process is { HasExited: false })
                return;
            if (_process is not null)
            {
                // Killed before: release what is left of the old child before taking its ports again.
                await _process.DisposeAsync();
                _process = null;
            }

            var stopwatch = Stopwatch.StartNew();
            var binary = LocateBinary();
            var process = new ManagedProcess(new ManagedProcessOptions
            {
                FileName = binary,
                Arguments =
                [
                    "-a", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture),
                    "-http_port", MonitorPort.ToString(CultureInfo.InvariantCulture),
                    "-l", LogFile,
                ],
                PidFile = DataDirectory + ".pid",
                // What marks our server in a leftover pid's command line: the binary alone could be another test's server.
                CommandMarker = LogFile,
            });

            // A server left by a run that was killed hard would hold the port: stop it before checking.
            process.KillLeftover();
            foreach (var port in new[] { Port, MonitorPort })
            {
                if (PortAllocator.IsInUse(port))
                {
                    await process.DisposeAsync();
                    throw new InvalidOperationException(
                        $"Port {port} is already in use by another program; nats-server for {DataDirectory} cannot start on it.");
                }
            }

            Directory.CreateDirectory(DataDirectory);
            _process = process;
            process.Start();
            try
            {
                await process.WaitForHttpOkAsync(new Uri(MonitorUrl, "/healthz"), StartTimeout, ct);
            }
            catch
            {
                await process.DisposeAsync();
                _process = null;
                throw;
            }

            LastStartDuration = stopwatch.Elapsed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>kill -9 (no goodbye to clients: their sockets just drop) and wait until the process is gone.</summary>
    public async Task KillAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_process is not { HasExited: false } process)
                return;
            process.Kill();
            await process.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A clean stop (SIGTERM), a hard kill after 10 s.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_process is null)
                return;
            await _process.DisposeAsync();
            _process = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One of the monitoring documents (<c>varz</c>, <c>connz</c>, <c>subsz</c>) as JSON.</summary>
    public async Task<JsonElement> MonitorAsync(string document, CancellationToken ct)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await using var body = await client.GetStreamAsync(new Uri(MonitorUrl, "/" + document), ct);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return json.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        await StopAsync();
        _disposed = true;
        _gate.Dispose();
    }
}
