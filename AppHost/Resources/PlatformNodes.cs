using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Platform.AppHost.Resources;

/// <summary>
/// src/Host as Aspire project resources: the one-shot <c>migrate</c> job and nodes with roles. Every node listens on its
/// own fixed port on 127.0.0.1 (no DCP proxy: the port is the one printed, and the address the node registers in
/// <c>platform.nodes</c> is the one the gateway must dial), is healthy when <c>/health/ready</c> answers 200, and waits
/// for the migration to have exited 0.
/// </summary>
internal static class PlatformNodes
{
    public static IResourceBuilder<ProjectResource> AddMigration(this IDistributedApplicationBuilder builder, string name,
        AppHostOptions options, PostgresServerHandle postgres) =>
        builder.AddProject<Projects.Platform_Host>(name, launchProfileName: null)
            .WithArgs("migrate")
            .WithCommonEnvironment(options, postgres)
            .WaitFor(postgres.Server);

    public static IResourceBuilder<ProjectResource> AddNode(this IDistributedApplicationBuilder builder, string name,
        string roles, int port, AppHostOptions options, PostgresServerHandle postgres, IResourceBuilder<ProjectResource> migration,
        string setupToken)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        return builder.AddProject<Projects.Platform_Host>(name, launchProfileName: null)
            // --urls beats the ASPNETCORE_URLS Aspire sets (http://localhost:port): 127.0.0.1 is what the node advertises.
            .WithArgs("--roles", roles, "--urls", url)
            .WithHttpEndpoint(port: port, targetPort: port, name: "http", isProxied: false)
            .WithCommonEnvironment(options, postgres)
            .WithEnvironment("Platform__Roles", roles)
            .WithEnvironment("Platform__NodeId", name)
            // The job has migrated: nodes starting side by side would only queue on the migration lock.
            .WithEnvironment("Platform__Database__MigrateOnStart", "false")
            .WithEnvironment("Platform__Setup__Token", setupToken)
            .WithHttpHealthCheck("/health/ready")
            .WaitFor(postgres.Server)
            .WaitForCompletion(migration);
    }

    private static IResourceBuilder<ProjectResource> WithCommonEnvironment(this IResourceBuilder<ProjectResource> node,
        AppHostOptions options, PostgresServerHandle postgres) =>
        node.WithReference(postgres.Database, connectionName: "Platform")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", options.Environment)
            .WithEnvironment("DOTNET_ENVIRONMENT", options.Environment);
}
