using Npgsql;
using NpgsqlTypes;
using Platform.Modules.Realtime.Fanout;

namespace Platform.Modules.Realtime.Data;

internal sealed record StoredEvent(long Id, Guid UserId, string Type, string Payload);

/// <summary>SQL access to <c>realtime.events</c>. Plain Npgsql: these are hot, simple statements.</summary>
internal sealed class RealtimeEventStore(NpgsqlDataSource dataSource, RealtimeOptions options)
{
    public const string Channel = "realtime_events";

    // Serialises inserts so that ids commit in order (see RealtimeEvent). The transactions are a
    // single INSERT, so the lock is held for well under a millisecond.
    private const long AppendLockKey = 0x5245414C54494D45;

    /// <returns>The rows that were new, in id order (none when the message was already delivered).</returns>
    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(Guid sourceMessageId, Guid organizationId, IReadOnlyCollection<Guid> userIds, string type, string payload, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLockKey})", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO realtime.events (organization_id, user_id, type, payload, source_message_id, created_at)
            SELECT @org, u, @type, @payload::jsonb, @source, now() FROM unnest(@users) AS u
            ON CONFLICT (source_message_id, user_id) DO NOTHING
            RETURNING id, user_id
            """, connection, transaction);
        command.Parameters.AddWithValue("org", organizationId);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("payload", payload);
        command.Parameters.AddWithValue("source", sourceMessageId);
        command.Parameters.AddWithValue("users", NpgsqlDbType.Array | NpgsqlDbType.Uuid, userIds.Distinct().ToArray());
        var inserted = new List<StoredEvent>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                inserted.Add(new StoredEvent(reader.GetInt64(0), reader.GetGuid(1), type, payload));
        }
        if (inserted.Count > 0 && options.Fanout == FanoutMode.Notify)
        {
            // NOTIFY is transactional: listeners hear it only once the rows are committed. It also takes a
            // database-wide lock at commit, which is why the other fan-out modes publish after the commit instead.
            await using var notify = new NpgsqlCommand($"NOTIFY {Channel}", connection, transaction);
            await notify.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        inserted.Sort((a, b) => a.Id.CompareTo(b.Id));
        return inserted;
    }

    /// <summary>The newest id in the table (0 when empty): where a starting dispatcher begins.</summary>
    public async Task<long> LastIdAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await LastIdAsync(connection, ct);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadForUserAsync(Guid organizationId, Guid userId, long afterId, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT id, user_id, type, payload::text FROM realtime.events
            WHERE user_id = @user AND organization_id = @org AND id > @after
            ORDER BY id LIMIT @limit
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("org", organizationId);
        command.Parameters.AddWithValue("after", afterId);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, ct);
    }

    public static async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(NpgsqlConnection connection, long afterId, int limit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, user_id, type, payload::text FROM realtime.events WHERE id > @after ORDER BY id LIMIT @limit", connection);
        command.Parameters.AddWithValue("after", afterId);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, ct);
    }

    /// <summary>The smallest id a reconnecting client can still be served from.</summary>
    public async Task<long> FirstRetainedIdAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT COALESCE(MIN(id), (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM realtime.events_id_seq)) FROM realtime.events");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task<long> LastIdAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(id), 0) FROM realtime.events", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<int> DeleteOlderThanAsync(TimeSpan age, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM realtime.events WHERE created_at < now() - @age");
        command.Parameters.AddWithValue("age", age);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<IReadOnlyList<StoredEvent>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
        return events;
    }
}
