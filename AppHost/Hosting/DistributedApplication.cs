using System.Diagnostics;
using Platform.AppHost.Terminal;

namespace Platform.AppHost.Hosting;

/// <summary>
/// Runs the declared resources: starts them in order, waits for them to be ready, prints how to reach the
/// product, keeps a status view up to date, and stops everything in reverse order on Ctrl+C or SIGTERM.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(2);
    private readonly IReadOnlyList<Resource> _resources;
    private readonly AppHostOptions _options;
    private readonly RepoLayout _layout;
    private readonly IHttpEntryPoint _entryPoint;
    private readonly IHttpEntryPoint _setupProbe;
    private readonly IReadOnlyList<IResourceMonitor> _monitors;
    private readonly string _setupToken;
    private readonly Stopwatch _sinceLaunch = Stopwatch.StartNew();
    private readonly List<string> _notes = [];

    internal DistributedApplication(IReadOnlyList<Resource> resources, AppHostOptions options, RepoLayout layout,
        IHttpEntryPoint entryPoint, IHttpEntryPoint setupProbe, IReadOnlyList<IResourceMonitor> monitors, string setupToken)
    {
        _resources = resources;
        _options = options;
        _layout = layout;
        _entryPoint = entryPoint;
        _setupProbe = setupProbe;
        _monitors = monitors;
        _setupToken = setupToken;
    }

    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Messages for the operator (URL, how to log in, timings), shown under the status table.</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_notes)
            {
                return [.. _notes];
            }
        }
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var options = AppHostOptions.Parse(args);
        return new(options, RepoLayout.Find(options.DataDirectory));
    }

    public async Task<int> RunAsync()
    {
        using var shutdown = new ShutdownSignal();
        var view = StatusView.Create(this, _options.Plain);
        var context = new ResourceContext(_layout, _options, view.EchoLine);
        Exception? failure = null;
        var exitCode = await view.RunAsync(async () =>
        {
            try
            {
                return await RunResourcesAsync(context, shutdown.Token);
            }
            catch (Exception ex)
            {
                failure = ex;
                Note("failed: see the error below; stopped everything that was started.");
                return 1;
            }
        });

        if (failure is not null)
        {
            await Console.Error.WriteLineAsync($"{Environment.NewLine}AppHost failed: {failure.Message}");
        }

        return exitCode;
    }

    public ValueTask DisposeAsync() => new(StopAllAsync());

    internal void Note(string text)
    {
        lock (_notes)
        {
            _notes.Add(text);
        }
    }

    private async Task<int> RunResourcesAsync(ResourceContext context, CancellationToken shutdown)
    {
        try
        {
            await StartAllAsync(context, shutdown);
            await AnnounceReadyAsync(shutdown);
            await MonitorHealthAsync(shutdown);
            return 0;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            Note("stopping...");
            await StopAllAsync();
            Note("stopped.");
        }
    }

    /// <summary>
    /// Starts every resource once its dependencies are up (by default: the resource declared before it, i.e. strictly in
    /// declaration order); the first failure cancels the starts still under way and is rethrown.
    /// </summary>
    private async Task StartAllAsync(ResourceContext context, CancellationToken shutdown)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var started = new Dictionary<Resource, Task>();
        Resource? previous = null;
        foreach (var resource in _resources)
        {
            var dependencies = resource.Dependencies ?? (previous is null ? [] : [previous]);
            var waits = dependencies.Select(d => started.TryGetValue(d, out var task)
                ? task
                : throw new InvalidOperationException($"{resource.Name} waits for {d.Name}, which is not declared before it.")).ToArray();
            started[resource] = StartAfterAsync(resource, waits, context, abort);
            previous = resource;
        }

        try
        {
            await Task.WhenAll(started.Values);
        }
        catch
        {
            var failure = started.Values.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }
    }

    private static async Task StartAfterAsync(Resource resource, Task[] dependencies, ResourceContext context,
        CancellationTokenSource abort)
    {
        try
        {
            await Task.WhenAll(dependencies);
        }
        catch
        {
            // A dependency failed or was cancelled: that one reports it; this resource never starts.
            return;
        }

        try
        {
            await resource.StartAsync(context, abort.Token);
        }
        catch
        {
            await abort.CancelAsync();
            throw;
        }
    }

    private async Task AnnounceReadyAsync(CancellationToken ct)
    {
        var timings = string.Join(", ", _resources.Where(r => r.StartDuration is not null)
            .Select(r => $"{r.Name} {r.StartDuration!.Value.TotalSeconds:0.0} s"));
        Note($"ready in {_sinceLaunch.Elapsed.TotalSeconds:0.0} s ({timings})");
        Note($"open {_entryPoint.Url}");
        var others = _resources.OfType<IHttpEntryPoint>().Where(e => !ReferenceEquals(e, _entryPoint)).ToList();
        if (others.Count > 0)
        {
            Note("behind it (each node also answers on its own URL):");
            var width = others.Max(e => ((Resource)e).Name.Length);
            foreach (var node in others)
            {
                Note($"  {((Resource)node).Name.PadRight(width)}  {node.Url}  {node.Description}");
            }
        }

        Note(await LoginHint.DescribeAsync(_entryPoint.Url, _setupProbe.Url, _setupToken, ct));
        Note($"logs: {_layout.Relative(_layout.LogDirectory)}/<resource>.log; Ctrl+C stops everything");
    }

    private async Task MonitorHealthAsync(CancellationToken ct)
    {
        while (true)
        {
            await Task.WhenAll(_resources.Select(r => r.RefreshHealthAsync(ct))
                .Concat(_monitors.Select(m => m.PollAsync(ct))));
            await Task.Delay(HealthInterval, ct);
        }
    }

    private async Task StopAllAsync()
    {
        foreach (var resource in _resources.Reverse())
        {
            try
            {
                await resource.StopAsync();
            }
            catch (Exception ex)
            {
                Note($"{resource.Name}: stop failed: {ex.Message}");
            }
        }
    }
}
