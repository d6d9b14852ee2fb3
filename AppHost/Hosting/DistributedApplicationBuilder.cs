using System.Security.Cryptography;

namespace Platform.AppHost.Hosting;

/// <summary>Collects the resources to run, in start order (the shape of Aspire's IDistributedApplicationBuilder).</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<IResourceMonitor> _monitors = [];

    internal DistributedApplicationBuilder(AppHostOptions options, RepoLayout layout)
    {
        Options = options;
        Layout = layout;
    }

    public AppHostOptions Options { get; }
    public RepoLayout Layout { get; }

    /// <summary>One-time first-run secret for this launch (32 random bytes, base64url), handed to every node.</summary>
    public string SetupToken { get; } = Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Where people open the product; its URL is printed once everything is ready.</summary>
    public IHttpEntryPoint? EntryPoint { get; set; }

    /// <summary>Where the AppHost asks <c>GET /api/v1/setup</c> whether this is a first run; defaults to <see cref="EntryPoint"/>.</summary>
    public IHttpEntryPoint? SetupProbe { get; set; }

    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Something polled beside the health checks (every 2 s once everything is up), e.g. the node registry.</summary>
    public void AddMonitor(IResourceMonitor monitor) => _monitors.Add(monitor);

    public T AddResource<T>(T resource)
        where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        }

        _resources.Add(resource);
        return resource;
    }

    public DistributedApplication Build()
    {
        var entryPoint = EntryPoint ?? throw new InvalidOperationException("No entry point was declared.");
        return new(_resources, Options, Layout, entryPoint, SetupProbe ?? entryPoint, _monitors, SetupToken);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A resource people reach over HTTP (a node now, the gateway in a cluster).</summary>
public interface IHttpEntryPoint
{
    Uri Url { get; }

    /// <summary>What it serves (e.g. a node's roles), printed beside its URL.</summary>
    string Description => string.Empty;
}

/// <summary>Polled every 2 s while the application runs (after start); failures are its own business.</summary>
public interface IResourceMonitor
{
    Task PollAsync(CancellationToken ct);
}
