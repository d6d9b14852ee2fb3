using System.Diagnostics;

namespace Platform.AppHost.Hosting;

public enum ResourceState
{
    Pending,
    Starting,
    Running,
    Completed,
    Failed,
    Stopping,
    Stopped,
}

/// <summary>
/// Something the AppHost runs (a server, a database, a one-shot job, a node). Started in declaration order,
/// stopped in reverse; the status view shows one row per resource.
/// </summary>
public abstract class Resource(string name) : IAsyncDisposable
{
    public string Name { get; } = name;
    public abstract string Kind { get; }
    public ResourceState State { get; private set; }
    public virtual int? Pid => null;
    public virtual string? Endpoint => null;

    /// <summary>Live load figures (a node's CPU, requests, streams, memory), or null where none are known.</summary>
    public virtual string? Load => null;

    /// <summary>"healthy" / "unhealthy", or "-" where no health check applies or the resource is not running.</summary>
    public string Health { get; private set; } = "-";

    /// <summary>A short note: how long start took, an exit code, "reused".</summary>
    public string Detail { get; protected set; } = string.Empty;

    public TimeSpan? StartDuration { get; private set; }

    /// <summary>
    /// What must be up before this resource starts. Null (nothing declared): the resource declared just before it, so
    /// a topology without <c>WaitFor</c> starts strictly in declaration order.
    /// </summary>
    internal List<Resource>? Dependencies { get; set; }

    /// <summary>Starts the resource; returns <see cref="ResourceState.Running"/> or <see cref="ResourceState.Completed"/> (jobs).</summary>
    protected abstract Task<ResourceState> OnStartAsync(ResourceContext context, CancellationToken ct);

    protected virtual Task OnStopAsync() => Task.CompletedTask;

    /// <summary>null when the resource has no health check.</summary>
    protected virtual Task<bool?> CheckHealthAsync(CancellationToken ct) => Task.FromResult<bool?>(null);

    /// <summary>Lets a resource report that it died on its own (e.g. a node process exited).</summary>
    protected void MarkFailed(string detail)
    {
        State = ResourceState.Failed;
        Health = "-";
        Detail = detail;
    }

    internal async Task StartAsync(ResourceContext context, CancellationToken ct)
    {
        State = ResourceState.Starting;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            State = await OnStartAsync(context, ct);
            StartDuration = stopwatch.Elapsed;
            Detail = Detail.Length > 0 ? Detail : $"up in {stopwatch.Elapsed.TotalSeconds:0.0} s";
        }
        catch (Exception ex)
        {
            if (State != ResourceState.Failed)
            {
                MarkFailed(ex is OperationCanceledException ? "cancelled" : "failed to start");
            }

            throw;
        }
    }

    internal async Task StopAsync()
    {
        if (State is ResourceState.Pending or ResourceState.Completed or ResourceState.Stopped)
        {
            return;
        }

        var failed = State == ResourceState.Failed;
        State = ResourceState.Stopping;
        Health = "-";
        await OnStopAsync();
        State = failed ? ResourceState.Failed : ResourceState.Stopped;
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return new(StopAsync());
    }

    internal async Task RefreshHealthAsync(CancellationToken ct)
    {
        if (State != ResourceState.Running)
        {
            return;
        }

        var healthy = await CheckHealthAsync(ct);
        if (State == ResourceState.Running)
        {
            Health = healthy switch { null => "-", true => "healthy", false => "unhealthy" };
        }
    }
}

public static class ResourceBuilderExtensions
{
    /// <summary>
    /// Starts <paramref name="resource"/> once every one of <paramref name="dependencies"/> is running (or completed, for
    /// a job), instead of after the resource declared just before it; independent resources start side by side.
    /// </summary>
    public static T WaitFor<T>(this T resource, params Resource[] dependencies)
        where T : Resource
    {
        resource.Dependencies ??= [];
        resource.Dependencies.AddRange(dependencies);
        return resource;
    }

    /// <summary>Starts <paramref name="resource"/> right away, beside whatever was declared before it.</summary>
    public static T StartImmediately<T>(this T resource)
        where T : Resource
    {
        resource.Dependencies = [];
        return resource;
    }
}
