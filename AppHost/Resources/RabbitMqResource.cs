using Platform.AppHost.Hosting;
using Platform.LocalResources;

namespace Platform.AppHost.Resources;

/// <summary>
/// RabbitMQ from Debian's rabbitmq-server in .data/&lt;name&gt; (kept across runs: durable queues and their messages
/// survive a restart), AMQP on 127.0.0.1 only, private Erlang cookie and epmd, no plugins. Its log is RabbitMQ's own
/// (.data/&lt;name&gt;/log/), linked as .data/logs/&lt;name&gt;.log.
/// </summary>
public sealed class RabbitMqResource(string name, string dataDirectory, int port) : Resource(name)
{
    private int? _pid;

    public RabbitMqServer Server { get; } = new(dataDirectory, port);
    public override string Kind => "RabbitMQ";
    public override int? Pid => State == ResourceState.Running ? _pid : null;
    public override string? Endpoint => $"amqp://127.0.0.1:{Server.AmqpPort}";

    /// <summary>The AMQP URI nodes get as <c>ConnectionStrings__RabbitMq</c> (known once started: a reused node keeps its port).</summary>
    public string ConnectionString => Server.AmqpUri;

    protected override async Task<ResourceState> OnStartAsync(ResourceContext context, CancellationToken ct)
    {
        try
        {
            await Server.StartAsync(ct);
        }
        catch (InvalidOperationException ex) when (PortAllocator.IsInUse(Server.AmqpPort) && Server.ProcessId is null)
        {
            throw new InvalidOperationException($"{ex.Message} Choose another with --rabbit-port.", ex);
        }

        _pid = Server.ProcessId;
        if (Server.ReusedRunningNode)
        {
            Detail = "reused running node";
        }

        LinkLog(Path.Combine(context.Layout.LogDirectory, $"{Name}.log"));
        return ResourceState.Running;
    }

    protected override Task OnStopAsync() => Server.StopAsync();

    protected override async Task<bool?> CheckHealthAsync(CancellationToken ct)
    {
        // A bare TCP connect to the AMQP port (RabbitMQ logs nothing for it) and the node's beam still there.
        _pid = Server.ProcessId;
        return _pid is not null && await Server.IsAcceptingAsync(ct);
    }

    private void LinkLog(string link)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.Delete(link);
            File.CreateSymbolicLink(link, Path.GetRelativePath(Path.GetDirectoryName(link)!, Server.LogFile));
        }
        catch (IOException)
        {
            // Only a convenience: the log itself is in the node's folder.
        }
    }
}

public static class RabbitMqBuilderExtensions
{
    public static RabbitMqResource AddRabbitMq(this DistributedApplicationBuilder builder, string name, int port) =>
        builder.AddResource(new RabbitMqResource(name, builder.Layout.DataPath(name), port));
}
