using Aspire.Hosting.ApplicationModel;
using Platform.AppHost.Resources;

namespace Platform.AppHost.Topologies;

/// <summary>The default: PostgreSQL, the migration job and one node running every role.</summary>
internal static class SingleNodeTopology
{
    public static PlatformEntryPoint Compose(IDistributedApplicationBuilder builder, AppHostOptions options, DataLayout layout,
        string setupToken)
    {
        var postgres = builder.AddPostgresServer("postgres", layout.DataPath("postgres"), options.PostgresPort, "platform");
        var migrate = builder.AddMigration("migrate", options, postgres);
        var node = builder.AddNode("node", "all", options.NodePort, options, postgres, migrate, setupToken)
            .WithEnvironment("Platform__Files__Local__Root", layout.DataPath("files"));
        return new PlatformEntryPoint(node, node, [node]);
    }
}
