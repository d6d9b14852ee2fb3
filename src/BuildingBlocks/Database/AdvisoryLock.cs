using Npgsql;

namespace Platform.BuildingBlocks.Database;

/// <summary>
/// A PostgreSQL session-level advisory lock held on a connection of its own for as long as the
/// handle lives: work that nodes starting together must do one at a time (migrations, the key
/// ring's first key). Should the process die, PostgreSQL frees the lock with the session.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key) => (_connection, _key) = (connection, key);

    /// <summary>Waits until the lock named by <paramref name="key"/> is this session's.</summary>
    public static async Task<AdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, long key, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(ct);
            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            unlock.Parameters.AddWithValue("key", _key);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            // Closing the session would free the lock too; unlocking first keeps a pooled connection clean.
            await _connection.DisposeAsync();
        }
    }
}
