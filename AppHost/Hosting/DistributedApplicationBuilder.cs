using System.Security.Cryptography;

namespace Platform.AppHost.Hosting;

/// <summary>Collects the resources to run, in start order (the shape of Aspire's IDistributedApplicationBuilder).</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

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

    public DistributedApplication Build() =>
        new(_resources, Options, Layout, EntryPoint ?? throw new InvalidOperationException("No entry point was declared."), SetupToken);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A resource people reach over HTTP (a node now, the gateway in a cluster).</summary>
public interface IHttpEntryPoint
{
    Uri Url { get; }
}
