using Platform.AppHost.Hosting;
using Platform.AppHost.Topologies;

// The shape of a .NET Aspire AppHost: declare the resources, then run them. The topology decides which
// resources exist; `--topology cluster` (RabbitMQ, role nodes, a gateway) plugs in beside the single node.
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
    default:
        await Console.Error.WriteLineAsync($"Unknown topology '{builder.Options.Topology}'. Known: single.");
        return 2;
}

if (!await PostgresPrerequisite.EnsureInstalledAsync())
{
    return 1;
}

await using var app = builder.Build();
return await app.RunAsync();
