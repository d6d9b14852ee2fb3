using Platform.AppHost.Hosting;
using Platform.AppHost.Resources;
using Platform.AppHost.Topologies;

// The shape of a .NET Aspire AppHost: declare the resources, then run them. The topology decides which
// resources exist: `single` (the default) is one all-roles node; `cluster` adds RabbitMQ, role nodes and a gateway.
var builder = DistributedApplication.CreateBuilder(args);
if (builder.Options.ShowHelp)
{
    Console.WriteLine(AppHostOptions.Usage);
    return 0;
}

switch (builder.Options.Topology)
{
    case "single":
        SingleNodeTopology.Compose(builder);
        break;
    case "cluster":
        ClusterTopology.Compose(builder);
        break;
    default:
        await Console.Error.WriteLineAsync($"Unknown topology '{builder.Options.Topology}'. Known: single, cluster.");
        return 2;
}

if (!await AptPrerequisite.Postgres.EnsureInstalledAsync()
    || (builder.Resources.OfType<RabbitMqResource>().Any() && !await AptPrerequisite.RabbitMq.EnsureInstalledAsync()))
{
    return 1;
}

await using var app = builder.Build();
return await app.RunAsync();
