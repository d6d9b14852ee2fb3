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

    public static Task<PostgresServer> GetAsync() => Server.Value;

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
