using Npgsql;
using Platform.LocalResources;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL server per test run (process), provisioned exactly as the AppHost does it, but
/// non-durable for speed. Every test class gets its own database on it.
/// </summary>
public static class TestPostgres
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), $"platform-it-{Environment.ProcessId}");
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync);

    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    public static Task<PostgresServer> GetAsync() => Server.Value;

    /// <summary>
    /// A database the host has migrated once in this run, to copy for each test class: copying
    /// takes a fraction of the time and CPU of applying every module's migrations again, over
    /// fifty times a run. The copy holds the schema only; the key ring starts empty as on a new
    /// installation. Tests of migrating itself start from an empty database instead.
    /// </summary>
    public static Task<string> MigratedTemplateAsync() => Template.Value;

    private static async Task<string> CreateTemplateAsync()
    {
        var server = await GetAsync();
        var migrator = new TemplateApp();
        await migrator.InitializeAsync(); // the host migrates it on start, as in production
        await migrator.DisposeAsync();

        await using (var connection = new NpgsqlConnection(migrator.ConnectionString))
        {
            await connection.OpenAsync();
            await using var forgetKeys = new NpgsqlCommand("DELETE FROM platform.data_protection_keys", connection);
            await forgetKeys.ExecuteNonQueryAsync();
        }
        // A template must have no sessions while it is copied: refuse new ones, end what pools still hold.
        await using (var maintenance = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await maintenance.OpenAsync();
            // The name is ours (it_ and hex digits), safe to quote as is.
            await using (var refuse = new NpgsqlCommand($"ALTER DATABASE \"{migrator.DatabaseName}\" WITH ALLOW_CONNECTIONS false", maintenance))
                await refuse.ExecuteNonQueryAsync();
            await using var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", maintenance);
            end.Parameters.Add(new NpgsqlParameter { Value = migrator.DatabaseName });
            await end.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearAllPools();
        return migrator.DatabaseName;
    }

    private sealed class TemplateApp : PlatformApp
    {
        protected override bool FromTemplate => false;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        Directory.CreateDirectory(Root);
        var server = new PostgresServer(Path.Combine(Root, "data"), PortAllocator.GetFreeTcpPort()) { Durable = false };
        await server.StartAsync(CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless; never fail the run on cleanup.
            }
        };
        return server;
    }
}
