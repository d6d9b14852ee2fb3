using Npgsql;
using Platform.AppHost.Hosting;
using Platform.LocalResources;

namespace Platform.AppHost.Resources;

/// <summary>PostgreSQL from Debian's binaries in .data/&lt;name&gt; (kept across runs), durable (fsync on).</summary>
public sealed class PostgresResource(string name, string dataDirectory, string logFile, int port) : Resource(name)
{
    public PostgresServer Server { get; } = new(dataDirectory, port) { LogFile = logFile };
    internal DistributedApplicationBuilder? Builder { get; init; }
    public override string Kind => "Postgres";
    public override int? Pid => State == ResourceState.Running ? Server.ProcessId : null;
    public override string? Endpoint => $"127.0.0.1:{Server.Port}";

    protected override async Task<ResourceState> OnStartAsync(ResourceContext context, CancellationToken ct)
    {
        await Server.StartAsync(ct);
        if (Server.ReusedRunningServer)
        {
            Detail = "reused running server";
        }

        return ResourceState.Running;
    }

    protected override Task OnStopAsync() => Server.StopAsync();

    protected override async Task<bool?> CheckHealthAsync(CancellationToken ct)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(Server.ConnectionString("postgres")) { Timeout = 2 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return await command.ExecuteScalarAsync(ct) is 1;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}

/// <summary>A database on a <see cref="PostgresResource"/>, created if missing.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresResource server) : Resource(name)
{
    public override string Kind => "Database";
    public override string? Endpoint => State == ResourceState.Running ? $"{server.Name}/{Name}" : null;
    public string ConnectionString => server.Server.ConnectionString(Name);

    protected override async Task<ResourceState> OnStartAsync(ResourceContext context, CancellationToken ct)
    {
        await server.Server.EnsureDatabaseAsync(Name, ct);
        return ResourceState.Running;
    }
}

public static class PostgresBuilderExtensions
{
    public static PostgresResource AddPostgres(this DistributedApplicationBuilder builder, string name, int port) =>
        builder.AddResource(new PostgresResource(name, builder.Layout.DataPath(name),
            Path.Combine(builder.Layout.LogDirectory, $"{name}.log"), port) { Builder = builder });

    public static PostgresDatabaseResource AddDatabase(this PostgresResource server, string name) =>
        server.Builder!.AddResource(new PostgresDatabaseResource(name, server));
}
