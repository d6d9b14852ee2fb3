using Npgsql;

namespace Platform.LocalResources;

public sealed partial class PostgresServer
{
    /// <summary>Host=127.0.0.1;Port=…;Username=postgres;Database=… (trust authentication, no password).</summary>
    public string ConnectionString(string database)
    {
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
        }.ConnectionString;
        _handedOut[connectionString] = true;
        return connectionString;
    }

    /// <summary>A stopped server leaves dead connections in Npgsql's pools: drop those of the strings we handed out.</summary>
    private void ClearConnectionPools()
    {
        foreach (var connectionString in _handedOut.Keys)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    /// <summary>Creates the database unless it exists (safe to call concurrently).</summary>
    public Task EnsureDatabaseAsync(string name, CancellationToken ct) =>
        PostgresDatabases.EnsureAsync(ConnectionString("postgres"), name, ct);

    /// <summary>
    /// Creates the database as a copy of <paramref name="template"/> unless it exists. Nobody may be
    /// connected to the template meanwhile (PostgreSQL refuses the copy otherwise).
    /// </summary>
    public Task CopyDatabaseAsync(string name, string template, CancellationToken ct) =>
        PostgresDatabases.EnsureAsync(ConnectionString("postgres"), name, ct, template);

    /// <summary>Drops the database if it exists, disconnecting its sessions.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        var quoted = PostgresDatabases.QuoteIdentifier(name);
        await using (var target = new NpgsqlConnection(ConnectionString(name)))
        {
            NpgsqlConnection.ClearPool(target);
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
