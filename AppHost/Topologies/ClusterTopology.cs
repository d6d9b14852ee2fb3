using Platform.AppHost.Hosting;
using Platform.AppHost.Resources;

namespace Platform.AppHost.Topologies;

/// <summary>
/// A cluster on one machine, the shape of a Pyrus Datacenter installation: PostgreSQL and RabbitMQ, the migrations
/// (run once, by the job: nodes start with MigrateOnStart=false), then one process of the same host per role group —
/// two web nodes, files+workers, mail+scheduler — and the gateway in front, the one URL people open. Every node
/// registers in <c>platform.nodes</c> with its heartbeat and load; the gateway routes from that registry.
/// <para>Start: RabbitMQ boots beside PostgreSQL and the migrations; the five nodes start side by side once both are up.
/// Stop (reverse declaration order): the gateway first, then the web nodes, then the others, RabbitMQ, PostgreSQL.</para>
/// </summary>
internal static class ClusterTopology
{
    public static void Compose(DistributedApplicationBuilder builder)
    {
        var options = builder.Options;
        if (options.NodePort > 65535 - 4)
        {
            throw new ArgumentException($"--port {options.NodePort}: the cluster's nodes use the four ports after it.");
        }

        var postgres = builder.AddPostgres("postgres", options.PostgresPort);
        var rabbitmq = builder.AddRabbitMq("rabbitmq", options.RabbitMqPort).StartImmediately();
        var database = postgres.AddDatabase("platform").WaitFor(postgres);
        var migrate = builder.AddMigrations("migrate", database).WaitFor(database);

        HostNodeResource Node(string name, string roles, int offset) =>
            builder.AddHostNode(name, database, checked(options.NodePort + offset))
                .WithRoles(roles)
                .WithNodeId(name)
                .WithEnvironment("Platform__Database__MigrateOnStart", "false")
                // files, workers and scheduler nodes must see one store: here, one folder on this machine.
                .WithEnvironment("Platform__Files__Local__Root", builder.Layout.DataPath("files"))
                .WithSetupToken(builder.SetupToken)
                .WaitFor(migrate);

        // Declared in reverse stop order: the gateway stops first, then the web nodes, then the rest.
        // Role nodes share the bus; the gateway only proxies (it reads the registry from PostgreSQL) and needs no broker.
        var filesWorkers = Node("files-workers", "files,workers", 3).WithReference(rabbitmq).WaitFor(rabbitmq);
        var mailScheduler = Node("mail-scheduler", "mail,scheduler", 4).WithReference(rabbitmq).WaitFor(rabbitmq);
        var web1 = Node("web-1", "web", 1).WithReference(rabbitmq).WaitFor(rabbitmq);
        var web2 = Node("web-2", "web", 2).WithReference(rabbitmq).WaitFor(rabbitmq);
        // Its own /health/ready answers before it knows any web node (it re-reads the registry every 2 s): people
        // are sent to it only once a request through it reaches one.
        var gateway = Node("gateway", "gateway", 0).WithReadyPath("api/v1/setup");

        builder.EntryPoint = gateway;
        builder.SetupProbe = web1;
        builder.AddMonitor(new NodeRegistryMonitor(database, [web1, web2, filesWorkers, mailScheduler, gateway]));
    }
}
