using System.Text.RegularExpressions;
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
    public async Task EnsureDatabaseAsync(string name, CancellationToken ct)
    {
        var quoted = QuoteIdentifier(name);
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                return;
            }
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Someone else created it between our check and our CREATE.
        }
    }

    /// <summary>Drops the database if it exists, disconnecting its sessions.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        var quoted = QuoteIdentifier(name);
        await using (var target = new NpgsqlConnection(ConnectionString(name)))
        {
            NpgsqlConnection.ClearPool(target);
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string QuoteIdentifier(string name)
    {
        if (!SafeDatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, _ and -, at most 63).", nameof(name));
        }

        return $"\"{name}\"";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,62}$")]
    private static partial Regex SafeDatabaseName();
}
