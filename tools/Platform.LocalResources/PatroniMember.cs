using System.Globalization;
using Npgsql;

namespace Platform.LocalResources;

/// <summary>
/// One member of a <see cref="PatroniCluster"/>: a Patroni process and the PostgreSQL server it manages, in its own
/// folder (config, log, data folder), with its own PostgreSQL and REST API ports.
/// </summary>
public sealed class PatroniMember
{
    internal PatroniMember(string name, string directory, int postgresPort, int restPort)
    {
        Name = name;
        Directory = directory;
        PostgresPort = postgresPort;
        RestPort = restPort;
    }

    /// <summary>The Patroni member name (also the replica's application_name in pg_stat_replication).</summary>
    public string Name { get; }

    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public string ConfigFile => Path.Combine(Directory, "patroni.yml");

    /// <summary>Patroni's log and its PostgreSQL's output, interleaved.</summary>
    public string LogFile => Path.Combine(Directory, "patroni.log");

    public int PostgresPort { get; }

    public int RestPort { get; }

    public Uri RestUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{RestPort}/"));

    /// <summary>The Patroni process id while it runs.</summary>
    public int? PatroniProcessId => Process is { HasExited: false } process ? process.ProcessId : null;

    /// <summary>Next to the member's folder, which a new start wipes.</summary>
    internal string PidFile => Directory + ".pid";

    internal ManagedProcess? Process { get; set; }

    /// <summary>This member's server alone (no failover): Host=127.0.0.1;Port=…;Username=postgres (trust on loopback).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = PostgresPort,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// The running processes of this member's PostgreSQL: postmaster and backends all work in the data folder. (Patroni
    /// starts the postmaster through a short-lived intermediate, so it is init's child, not Patroni's, and every
    /// backend calls setsid: neither the process tree nor a process group holds them all.)
    /// </summary>
    public IReadOnlyList<int> PostgresProcessIds() =>
        [.. LinuxProcesses.Find(pid => LinuxProcesses.WorkingDirectory(pid) == DataDirectory && LinuxProcesses.IsRunning(pid))];

    /// <summary>The last lines of <see cref="LogFile"/>.</summary>
    public string LogTail(int lines)
    {
        try
        {
            // Patroni (another user, maybe) keeps the file open for writing.
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"({LogFile}: {ex.Message})";
        }
    }

    /// <summary>A superuser connection without pooling: the cluster's own probes must never meet a pooled connection to a killed server.</summary>
    internal string MaintenanceConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString("postgres"))
    {
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>SIGKILL to every PostgreSQL process of the member, repeated until none is left (a dying postmaster may have forked one more backend).</summary>
    internal async Task KillPostgresAsync()
    {
        for (var round = 0; round < 10 && PostgresProcessIds() is { Count: > 0 } pids; round++)
        {
            await LinuxProcesses.KillAndWaitAsync(pids, TimeSpan.FromSeconds(10));
        }
    }
}
