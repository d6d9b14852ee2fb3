using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.LocalResources;

namespace Platform.AppHost.Resources;

/// <summary>
/// PostgreSQL 15 from Debian as two executable resources: <c>postgres-init</c> (initdb, once per data folder; a one-shot
/// that exits 0 at once when the folder already holds a cluster) and <c>postgres</c> (the server in the foreground, so
/// DCP owns its process and stops it with SIGTERM: PostgreSQL's smart shutdown, nothing left behind). PostgreSQL refuses
/// to run as root, so as root both run as the postgres user through <c>setpriv</c>, which execs: DCP's process is
/// initdb or postgres itself, not a wrapper that could outlive it.
/// </summary>
internal static class PostgresResources
{
    public static PostgresServerHandle AddPostgresServer(this IDistributedApplicationBuilder builder, string name,
        string dataDirectory, int port, string database)
    {
        var bin = PostgresBinaries.TryLocate()
            ?? throw new InvalidOperationException($"PostgreSQL 15 is not installed: {PostgresBinaries.InstallCommand}");
        PrepareFolder(dataDirectory);

        // A first run needs initdb; later runs must not repeat it (it refuses a non-empty folder), hence the test in sh.
        var initdb = $"test -f {Quote(Path.Combine(dataDirectory, "PG_VERSION"))} || exec {AsPostgres} {Quote(Path.Combine(bin, "initdb"))}"
            + $" -D {Quote(dataDirectory)} --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres";
        var init = builder.AddExecutable($"{name}-init", "/bin/sh", "/", "-c", initdb);

        // A Unix socket path is limited to 107 bytes; past that, TCP only.
        var socketDirectory = dataDirectory.Length < 90 ? dataDirectory : string.Empty;
        string[] serverArguments =
        [
            Path.Combine(bin, "postgres"), "-D", dataDirectory, "-p", Invariant(port), "-k", socketDirectory,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300",
        ];
        var connectionString = $"Host=127.0.0.1;Port={Invariant(port)};Username=postgres;Database={database}";
        var healthCheck = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck,
            ct => AcceptsConnectionsAsync(connectionString, database, ct));

        var server = (Environment.IsPrivilegedProcess
                ? builder.AddExecutable(name, "setpriv", "/", [.. SetprivArguments, .. serverArguments])
                : builder.AddExecutable(name, serverArguments[0], "/", serverArguments[1..]))
            // The port is PostgreSQL's own (no DCP proxy in front): it stays the one printed and kept across runs.
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck)
            .WaitForCompletion(init);
        return new PostgresServerHandle(server, builder.AddConnectionString(database, ReferenceExpression.Create($"{connectionString}")));
    }

    /// <summary>
    /// Healthy once a session opens and the platform database exists; creates it when missing (a fresh cluster), so
    /// that <c>WaitFor(postgres)</c> means "the database is there" to the migration job.
    /// </summary>
    private static async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> AcceptsConnectionsAsync(
        string connectionString, string database, CancellationToken ct)
    {
        try
        {
            var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Timeout = 3, Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
            {
                Parameters = { new() { Value = database } },
            };
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }

            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    private static readonly string[] SetprivArguments = ["--reuid=postgres", "--regid=postgres", "--init-groups", "--"];

    private static string AsPostgres => Environment.IsPrivilegedProcess ? "setpriv " + string.Join(' ', SetprivArguments) : string.Empty;

    /// <summary>As root the folder must belong to the postgres user (initdb and the server run as that user).</summary>
    private static void PrepareFolder(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        if (Environment.IsPrivilegedProcess)
        {
            ProcessRunner.RunAsync("chown", ["postgres:postgres", dataDirectory]).GetAwaiter().GetResult();
        }

        // PostgreSQL insists on 0700 (or 0750) for its data folder.
        File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The server resource (to <c>WaitFor</c>) and the connection string the nodes reference.</summary>
internal sealed record PostgresServerHandle(
    IResourceBuilder<ExecutableResource> Server,
    IResourceBuilder<ConnectionStringResource> Database);
