using Aspire.Hosting.ApplicationModel;
using Platform.AppHost.Resources;

namespace Platform.AppHost.Topologies;

/// <summary>
/// A cluster on one machine, the shape of a Pyrus Datacenter installation: PostgreSQL, RabbitMQ (the bus) and NATS
/// (real-time fan-out between web nodes), the migration job, then one process of the same host per role group — two
/// web nodes, files+workers, mail+scheduler — and the gateway in front, the one URL people open. Every node registers
/// in <c>platform.nodes</c> with its heartbeat and load; the gateway routes from that registry.
/// </summary>
internal static class ClusterTopology
{
    public static PlatformEntryPoint Compose(IDistributedApplicationBuilder builder, AppHostOptions options, DataLayout layout,
        string setupToken)
    {
        var postgres = builder.AddPostgresServer("postgres", layout.DataPath("postgres"), options.PostgresPort, "platform");
        var rabbitmq = builder.AddRabbitMqServer("rabbitmq", layout.DataPath("rabbitmq"), options.RabbitMqPort);
        var nats = builder.AddNatsServer("nats", options.NatsPort);
        var migrate = builder.AddMigration("migrate", options, postgres);

        IResourceBuilder<ProjectResource> RoleNode(string name, string roles, int offset) =>
            builder.AddNode(name, roles, checked(options.NodePort + offset), options, postgres, migrate, setupToken)
                // files, workers and scheduler nodes must see one store: here, one folder on this machine.
                .WithEnvironment("Platform__Files__Local__Root", layout.DataPath("files"))
                .WithEnvironment("ConnectionStrings__RabbitMq", RabbitMqResources.AmqpUri(options.RabbitMqPort))
                .WithEnvironment("ConnectionStrings__Nats", NatsResources.Url(options.NatsPort))
                .WaitFor(rabbitmq)
                .WaitFor(nats);

        var web1 = RoleNode("web-1", "web", 1);
        var web2 = RoleNode("web-2", "web", 2);
        var filesWorkers = RoleNode("files-workers", "files,workers", 3);
        var mailScheduler = RoleNode("mail-scheduler", "mail,scheduler", 4);

        // The gateway only proxies (it reads the registry from PostgreSQL) and needs no bus. Its own /health/ready
        // answers before it knows any web node (it re-reads the registry every 2 s); GET /api/v1/setup through it
        // answers only once it routes to one, so that is its health check: people get its URL only then.
        var gateway = builder.AddNode("gateway", "gateway", options.NodePort, options, postgres, migrate, setupToken)
            .WithHttpHealthCheck("/api/v1/setup")
            .WaitFor(web1);
        return new PlatformEntryPoint(gateway, web1, [gateway, web1, web2, filesWorkers, mailScheduler]);
    }
}

/// <summary>Where people open the product, which node answers whether setup is still needed, and every node.</summary>
internal sealed record PlatformEntryPoint(
    IResourceBuilder<ProjectResource> Entry,
    IResourceBuilder<ProjectResource> SetupProbe,
    IReadOnlyList<IResourceBuilder<ProjectResource>> Nodes);
