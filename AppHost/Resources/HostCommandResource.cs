using Platform.AppHost.Hosting;
using Platform.LocalResources;

namespace Platform.AppHost.Resources;

/// <summary>A one-shot run of the host (e.g. <c>Platform.Host.dll migrate</c>) that must exit 0 before anything later starts.</summary>
public sealed class HostCommandResource(string name, PostgresDatabaseResource database, IReadOnlyList<string> arguments)
    : Resource(name)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public override string Kind => "Job";

    protected override async Task<ResourceState> OnStartAsync(ResourceContext context, CancellationToken ct)
    {
        var assembly = HostExecutable.LocateAssembly(context.Layout);
        using var log = context.OpenLog(Name);
        var output = new List<string>();
        var result = await ProcessRunner.RunAsync(HostExecutable.Dotnet, [assembly, .. arguments], new ProcessRunOptions
        {
            WorkingDirectory = context.Layout.HostProjectDirectory,
            Environment = HostExecutable.BaseEnvironment(context, database.ConnectionString),
            Timeout = Timeout,
            ThrowOnError = false,
            OnOutputLine = line =>
            {
                log.Write(line);
                lock (output)
                {
                    output.Add(line);
                }
            },
        }, ct);

        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'Platform.Host.dll {string.Join(' ', arguments)}' exited with code {result.ExitCode} " +
                $"(full output: {context.Layout.Relative(log.Path)}):{Environment.NewLine}" +
                string.Join(Environment.NewLine, output.TakeLast(80)));
        }

        Detail = $"exit 0, {result.Duration.TotalSeconds:0.0} s";
        return ResourceState.Completed;
    }
}

public static class HostCommandBuilderExtensions
{
    /// <summary>Runs <c>Platform.Host.dll migrate</c> against the database: every module's migrations, then exit.</summary>
    public static HostCommandResource AddMigrations(this DistributedApplicationBuilder builder, string name,
        PostgresDatabaseResource database) =>
        builder.AddResource(new HostCommandResource(name, database, ["migrate"]));
}
