using System.Diagnostics;
using System.Globalization;

namespace Platform.LocalResources;

/// <summary>
/// A private S3-protocol server (npm s3rver 3.7.1, run by <c>tools/s3rver/server.js</c>, which adds the multipart
/// abort and listing s3rver lacks) over the folder <see cref="DataDirectory"/>, on 127.0.0.1:<see cref="Port"/>, as a
/// child process stopped by <see cref="StopAsync"/>. Buckets are sub-folders; objects survive a restart on the same
/// folder. Path-style addressing, credentials <see cref="AccessKey"/>/<see cref="SecretKey"/> (it also accepts
/// unsigned requests): a development and test server, never a production one.
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    /// <summary>s3rver's built-in key pair.</summary>
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ManagedProcess? _process;
    private bool _disposed;

    public S3rverServer(string dataDirectory, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>: the S3 clients' ServiceURL.</summary>
    public string ServiceUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// <summary>The folder holding server.js and node_modules; by default tools/s3rver of the repository the code runs from.</summary>
    public string ToolDirectory { get => field ??= S3rverTool.LocateDirectory(); init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Called with every line the server prints (it is started with --silent: errors only).</summary>
    public Action<string, bool>? OnOutputLine { get; init; }

    /// <summary>The node process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.ProcessId : null;

    public TimeSpan? LastStartDuration { get; private set; }

    /// <summary>Starts the server and returns once it answers HTTP.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_process is { HasExited: false })
                return;

            var stopwatch = Stopwatch.StartNew();
            var script = S3rverTool.LocateScript(ToolDirectory);
            var node = S3rverTool.LocateNode();
            var process = new ManagedProcess(new ManagedProcessOptions
            {
                FileName = node,
                Arguments =
                [
                    script, "--directory", DataDirectory, "--address", "127.0.0.1",
                    "--port", Port.ToString(CultureInfo.InvariantCulture), "--silent",
                ],
                WorkingDirectory = ToolDirectory,
                // Next to the folder, not in it: every sub-folder of the data folder is a bucket to s3rver.
                PidFile = DataDirectory + ".pid",
                OnOutputLine = OnOutputLine,
            });

            // A server left by a run that was killed hard would hold the port: stop it before checking.
            process.KillLeftover();
            if (PortAllocator.IsInUse(Port))
            {
                await process.DisposeAsync();
                throw new InvalidOperationException(
                    $"Port {Port} is already in use by another program; s3rver for {DataDirectory} cannot start on it.");
            }

            Directory.CreateDirectory(DataDirectory);
            _process = process;
            process.Start();
            try
            {
                await process.WaitForHttpOkAsync(new Uri(ServiceUrl + "/"), StartTimeout, ct);
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

    /// <summary>SIGTERM (s3rver closes its listener and exits), a hard kill after 10 s. The data folder stays.</summary>
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

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        await StopAsync();
        _disposed = true;
        _gate.Dispose();
    }
}
