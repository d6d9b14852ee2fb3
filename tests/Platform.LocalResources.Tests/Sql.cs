using System.Globalization;
using Npgsql;

namespace Platform.LocalResources.Tests;

internal static class Sql
{
    /// <summary>Runs <paramref name="sql"/> on a connection of its own and returns the first column of the first row.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType(await command.ExecuteScalarAsync(ct), typeof(T), CultureInfo.InvariantCulture)!;
    }
}
