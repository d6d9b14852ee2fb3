using System.Text.RegularExpressions;
using Npgsql;

namespace Platform.LocalResources;

/// <summary>Creating databases by name on a server we run (a <see cref="PostgresServer"/>, a Patroni primary).</summary>
internal static partial class PostgresDatabases
{
    /// <summary>Creates the database unless it exists (safe to call concurrently).</summary>
    /// <param name="maintenanceConnectionString">a superuser connection to an existing database (postgres).</param>
    public static async Task EnsureAsync(string maintenanceConnectionString, string name, CancellationToken ct, string? template = null)
    {
        var quoted = QuoteIdentifier(name);
        await using var connection = new NpgsqlConnection(maintenanceConnectionString);
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
            var from = template is null ? "" : $" TEMPLATE {QuoteIdentifier(template)}";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}{from}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Someone else created it between our check and our CREATE.
        }
    }

    public static string QuoteIdentifier(string name)
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
