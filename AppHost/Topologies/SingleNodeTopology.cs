using Platform.AppHost.Hosting;
using Platform.AppHost.Resources;

namespace Platform.AppHost.Topologies;

/// <summary>The default: PostgreSQL, the platform database, its migrations, and one node running every role.</summary>
internal static class SingleNodeTopology
{
    public static void Compose(DistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres", builder.Options.PostgresPort);
        var database = postgres.AddDatabase("platform");
        builder.AddMigrations("migrate", database);
        builder.EntryPoint = builder.AddHostNode("node", database, builder.Options.NodePort)
            .WithRoles("all")
            .WithEnvironment("Platform__Files__Local__Root", builder.Layout.DataPath("files"))
            .WithSetupToken(builder.SetupToken);
    }
}
