using System.Reflection;
using Platform.LocalResources;

namespace Platform.ClusterTests;

/// <summary>One process of Platform.Host with its roles, killable like a real server.</summary>
public sealed class HostNode : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _environment;
    private ManagedProcess? _process;

    /// <param name="httpsPort">an extra https listener (Kestrel's default certificate must be configured).</param>
    public HostNode(string id, string roles, int port, IReadOnlyDictionary<string, string?> environment, int? httpsPort = null)
    {
        HttpsPort = httpsPort;
        Id = id;
        Port = port;
        _environment = new Dictionary<string, string?>(environment)
        {
            ["Platform__NodeId"] = id,
            ["Platform__Roles"] = roles,
            ["Platform__Database__MigrateOnStart"] = "false",
        };
    }

    /// <summary>
    /// A node with every role alone on its own database (migrated as it starts), files under <paramref name="root"/>: a
    /// node whose database the test stops, restarts or fails over without touching the cluster fixture's.
    /// </summary>
    public static async Task<HostNode> StartAloneAsync(string id, string connectionString, string setupToken, string root)
    {
        var node = new HostNode(id, "all", PortAllocator.GetFreeTcpPort(), new Dictionary<string, string?>
        {
            ["ConnectionStrings__Platform"] = connectionString,
            ["Platform__Setup__Token"] = setupToken,
            ["Platform__Files__Local__Root"] = System.IO.Path.Combine(root, "files"),
        });
        try
        {
            await node.StartAsync(new Dictionary<string, string?> { ["Platform__Database__MigrateOnStart"] = "true" });
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Removes a test's temp folder; one left behind never fails a run.</summary>
    public static void DeleteTempFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Files owned by the postgres user on some set-ups, or already gone.
        }
    }

    public string Id { get; }
    public int Port { get; }
    public int? HttpsPort { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}");
    public Uri? HttpsUrl => HttpsPort is { } port ? new Uri($"https://127.0.0.1:{port}") : null;
    public IReadOnlyList<string> RecentOutput => _process?.RecentOutput ?? [];

    public async Task StartAsync(IReadOnlyDictionary<string, string?>? extraEnvironment = null)
    {
        var environment = new Dictionary<string, string?>(_environment);
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string?>())
            environment[key] = value;
        var dll = HostBinary.Path;
        _process = new ManagedProcess(new ManagedProcessOptions
        {
            FileName = "dotnet",
            Arguments = [dll, "--urls", string.Join(';', new[] { Url, HttpsUrl }.OfType<Uri>().Select(u => u.ToString().TrimEnd('/')))],
            WorkingDirectory = System.IO.Path.GetDirectoryName(dll),
            Environment = environment,
        });
        _process.Start();
        await WaitForReadyAsync(TimeSpan.FromSeconds(60));
    }

    public async Task WaitForReadyAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("The node was not started.");
        var deadline = DateTime.UtcNow + timeout;
        await process.WaitForHttpOkAsync(new Uri(Url, "/health/ready"), timeout, CancellationToken.None);
        if (HttpsPort is { } httpsPort)
            await WaitForListenerAsync(process, httpsPort, deadline);
    }

    /// <summary>
    /// Kestrel binds its addresses one after the other and serves on the first before the next is bound;
    /// a node is started when every address of it accepts connections (or it is dead, and we say why).
    /// </summary>
    private static async Task WaitForListenerAsync(ManagedProcess process, int port, DateTime deadline)
    {
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The node exited with code {process.ExitCode} before it listened on {port}:{Environment.NewLine}{string.Join(Environment.NewLine, process.RecentOutput)}");
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A clean stop (SIGTERM), as systemd or the AppHost does it.</summary>
    // The product bounds a clean stop at drain delay + 15 s (HostOptions.ShutdownTimeout); a loaded
    // machine adds scheduling delay on top, so the test waits longer before it falls back to kill -9.
    public Task StopAsync() => _process?.StopAsync(TimeSpan.FromSeconds(60)) ?? Task.CompletedTask;

    public int? ExitCode => _process?.ExitCode;

    /// <summary>kill -9: no shutdown hooks, no deregistration, open connections just drop.</summary>
    public void Kill() => _process?.Kill();

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
    }
}

/// <summary>The host binary of the configuration these tests were built in.</summary>
public static class HostBinary
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var configuration = typeof(HostBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "Configuration").Value!;
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Platform.sln")))
            directory = directory.Parent;
        if (directory is null)
            throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
        var dll = System.IO.Path.Combine(directory.FullName, "src", "Host", "bin", configuration, "net10.0", "Platform.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the host first", dll);
    }
}
