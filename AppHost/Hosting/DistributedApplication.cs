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
    private readonly string _setupToken;
    private readonly Stopwatch _sinceLaunch = Stopwatch.StartNew();
    private readonly List<string> _notes = [];

    internal DistributedApplication(IReadOnlyList<Resource> resources, AppHostOptions options, RepoLayout layout,
        IHttpEntryPoint entryPoint, string setupToken)
    {
        _resources = resources;
        _options = options;
        _layout = layout;
        _entryPoint = entryPoint;
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

    public static DistributedApplicationBuilder CreateBuilder(string[] args) =>
        new(AppHostOptions.Parse(args), RepoLayout.Find());

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
            foreach (var resource in _resources)
            {
                await resource.StartAsync(context, shutdown);
            }

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

    private async Task AnnounceReadyAsync(CancellationToken ct)
    {
        var timings = string.Join(", ", _resources.Where(r => r.StartDuration is not null)
            .Select(r => $"{r.Name} {r.StartDuration!.Value.TotalSeconds:0.0} s"));
        Note($"ready in {_sinceLaunch.Elapsed.TotalSeconds:0.0} s ({timings})");
        Note($"open {_entryPoint.Url}");
        Note(await LoginHint.DescribeAsync(_entryPoint.Url, _setupToken, ct));
        Note($"logs: {_layout.Relative(_layout.LogDirectory)}/<resource>.log; Ctrl+C stops everything");
    }

    private async Task MonitorHealthAsync(CancellationToken ct)
    {
        while (true)
        {
            await Task.WhenAll(_resources.Select(r => r.RefreshHealthAsync(ct)));
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
