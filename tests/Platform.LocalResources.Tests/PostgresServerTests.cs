namespace Platform.LocalResources.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_fresh_data_folder_is_initialised_started_queried_and_stopped()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "pg");
        await using var server = new PostgresServer(dataDirectory, PortAllocator.GetFreeTcpPort()) { Durable = false };

        await server.StartAsync(CancellationToken.None);
        await server.EnsureDatabaseAsync("probe", CancellationToken.None);
        var version = await Sql.ScalarAsync<string>(server.ConnectionString("probe"), "SELECT version()");
        await server.StopAsync();

        Assert.StartsWith("PostgreSQL", version, StringComparison.Ordinal);
        Assert.False(server.ReusedRunningServer);
        Assert.Null(server.ProcessId);
        Assert.True(File.Exists(server.LogFile));
    }

    [Fact]
    public async Task The_same_data_folder_restarts_with_its_data_and_a_running_server_is_reused()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "pg");
        var port = PortAllocator.GetFreeTcpPort();
        await using (var first = new PostgresServer(dataDirectory, port) { Durable = false })
        {
            await first.StartAsync(CancellationToken.None);
            await first.EnsureDatabaseAsync("kept", CancellationToken.None);
            await Sql.ScalarAsync<string>(first.ConnectionString("kept"), "CREATE TABLE marker(id int); INSERT INTO marker VALUES (42); SELECT 1");
        }

        await using var second = new PostgresServer(dataDirectory, port) { Durable = false };
        await second.StartAsync(CancellationToken.None);
        await using var third = new PostgresServer(dataDirectory, PortAllocator.GetFreeTcpPort());
        await third.StartAsync(CancellationToken.None);

        Assert.False(second.ReusedRunningServer);
        Assert.True(third.ReusedRunningServer);
        Assert.Equal(port, third.Port);
        Assert.Equal("42", await Sql.ScalarAsync<string>(third.ConnectionString("kept"), "SELECT id::text FROM marker"));
        await third.DropDatabaseAsync("kept");
        Assert.Equal("0", await Sql.ScalarAsync<string>(second.ConnectionString("postgres"), "SELECT count(*)::text FROM pg_database WHERE datname = 'kept'"));
    }

    [Fact]
    public async Task EnsureDatabase_is_idempotent_and_rejects_odd_names()
    {
        using var temp = new TempDirectory();
        await using var server = new PostgresServer(Path.Combine(temp.Path, "pg"), PortAllocator.GetFreeTcpPort()) { Durable = false };
        await server.StartAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => server.EnsureDatabaseAsync("twice", CancellationToken.None)));
        await server.EnsureDatabaseAsync("twice", CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => server.EnsureDatabaseAsync("x\"; DROP", CancellationToken.None));
    }
}
