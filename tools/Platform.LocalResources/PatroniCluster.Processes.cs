using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Platform.LocalResources;

/// <summary>The folders, configuration and processes side of <see cref="PatroniCluster"/>.</summary>
public sealed partial class PatroniCluster
{
    private static readonly HttpClient Rest = new() { Timeout = TimeSpan.FromSeconds(2) };

    private ManagedProcessOptions EtcdOptions() => new()
    {
        FileName = PatroniBinaries.Etcd,
        // The data folder first: it is what identifies this cluster's etcd in a leftover pid's command line.
        Arguments =
        [
            $"--data-dir={Path.Combine(EtcdDirectory, "data")}",
            "--name=etcd",
            Invariant($"--listen-client-urls=http://127.0.0.1:{EtcdClientPort}"),
            Invariant($"--advertise-client-urls=http://127.0.0.1:{EtcdClientPort}"),
            Invariant($"--listen-peer-urls=http://127.0.0.1:{EtcdPeerPort}"),
            Invariant($"--initial-advertise-peer-urls=http://127.0.0.1:{EtcdPeerPort}"),
            Invariant($"--initial-cluster=etcd=http://127.0.0.1:{EtcdPeerPort}"),
            "--initial-cluster-state=new",
        ],
        WorkingDirectory = EtcdDirectory,
        PidFile = EtcdDirectory + ".pid",
    };

    /// <summary>
    /// Patroni through <c>sh -c 'exec …'</c>, its output sent to <see cref="PatroniMember.LogFile"/> rather than to our
    /// pipes: the postmaster inherits Patroni's stdout and stderr and outlives it, and a pipe it held would keep
    /// <see cref="ManagedProcess"/> waiting for an end of file. As root, setpriv switches to the postgres user first
    /// (PostgreSQL refuses to run as root). Both exec in place, so the pid is Patroni's own.
    /// </summary>
    private static ManagedProcessOptions PatroniOptions(PatroniMember member)
    {
        string[] shell = ["/bin/sh", "-c", "exec \"$0\" \"$1\" </dev/null >>\"$2\" 2>&1", PatroniBinaries.Patroni, member.ConfigFile, member.LogFile];
        return new ManagedProcessOptions
        {
            FileName = Environment.IsPrivilegedProcess ? "/usr/bin/setpriv" : shell[0],
            Arguments = Environment.IsPrivilegedProcess
                ? [$"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups", .. shell]
                : shell[1..],
            WorkingDirectory = member.Directory,
            Environment = new Dictionary<string, string?> { ["HOME"] = member.Directory },
            PidFile = member.PidFile,
            CommandMarker = member.ConfigFile,
        };
    }

    /// <summary>
    /// Ends what a run on this folder that was killed hard left running: Patroni and etcd through their pid files,
    /// PostgreSQL by its working folder.
    /// </summary>
    private async Task EndLeftoversAsync()
    {
        foreach (var member in Members)
        {
            member.Process!.KillLeftover();
            await member.KillPostgresAsync();
        }

        _etcd!.KillLeftover();
    }

    private void ThrowIfAnyPortIsTaken()
    {
        var ports = Members.SelectMany(m => new[] { m.PostgresPort, m.RestPort }).Prepend(EtcdPeerPort).Prepend(EtcdClientPort);
        if (ports.FirstOrDefault(PortAllocator.IsInUse) is var taken and > 0)
        {
            throw new InvalidOperationException(
                Invariant($"Port {taken} is already in use by another program; the Patroni cluster in {RootDirectory} cannot start on it."));
        }
    }

    /// <summary>A fresh etcd and fresh members every start: the ports change from one run to the next, and etcd's member list would not follow.</summary>
    private async Task PrepareFoldersAsync(string binDirectory, CancellationToken ct)
    {
        foreach (var folder in Members.Select(m => m.Directory).Append(EtcdDirectory))
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
        }

        foreach (var member in Members)
        {
            await File.WriteAllTextAsync(member.ConfigFile, Config(member, binDirectory), ct);
            await File.WriteAllTextAsync(member.LogFile, string.Empty, ct);
            if (Environment.IsPrivilegedProcess)
            {
                await ProcessRunner.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", member.Directory], ct);
            }
        }
    }

    private string Config(PatroniMember member, string binDirectory) => $"""
        # Written by Platform.LocalResources.PatroniCluster on every start: edits are overwritten.
        scope: {Scope}
        namespace: /platform/
        name: {member.Name}
        restapi:
          listen: 127.0.0.1:{Invariant(member.RestPort)}
          connect_address: 127.0.0.1:{Invariant(member.RestPort)}
        etcd3:
          hosts: 127.0.0.1:{Invariant(EtcdClientPort)}
        watchdog:
          mode: 'off'
        bootstrap:
          dcs:
            ttl: {Invariant(TtlSeconds)}
            loop_wait: {Invariant(LoopWaitSeconds)}
            retry_timeout: {Invariant(RetryTimeoutSeconds)}
            maximum_lag_on_failover: 1048576
            synchronous_mode: {(SynchronousMode ? "true" : "false")}
            synchronous_mode_strict: false
            postgresql:
              use_pg_rewind: true
              use_slots: true
              parameters:
                max_connections: 200
                wal_log_hints: 'on'
          initdb:
          - encoding: UTF8
          - locale: C.UTF-8
        postgresql:
          listen: 127.0.0.1:{Invariant(member.PostgresPort)}
          connect_address: 127.0.0.1:{Invariant(member.PostgresPort)}
          data_dir: {Yaml(member.DataDirectory)}
          bin_dir: {Yaml(binDirectory)}
          pgpass: {Yaml(Path.Combine(member.Directory, "pgpass"))}
          pg_hba:
          - local all all trust
          - host all all 127.0.0.1/32 trust
          - host replication all 127.0.0.1/32 trust
          authentication:
            superuser:
              username: {ServiceUser}
              password: {ServiceUser}
            replication:
              username: replicator
              password: replicator
          parameters:
            # TCP only: a Unix socket path in a deep temp folder can pass the 107-byte limit.
            unix_socket_directories: ''

        """;

    /// <summary>Polls until a primary streams to every other member (and a synchronous standby is recorded), failing early when a process dies.</summary>
    private async Task WaitUntilReplicatingAsync(CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var dead = Members.Where(m => m.Process!.HasExited).Select(m => $"Patroni of {m.Name} exited with code {m.Process!.ExitCode}")
                .Concat(_etcd!.HasExited ? [$"etcd exited with code {_etcd.ExitCode}"] : []).ToList();
            if (dead.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The Patroni cluster in {RootDirectory} did not start: {string.Join("; ", dead)}.{Environment.NewLine}{await DiagnosticsAsync(ct)}");
            }

            var state = await PrimaryMemberAsync(ct) is { } primary ? await ReplicationStateAsync(primary, ct) : "no primary yet";
            if (state.Length == 0)
            {
                return;
            }

            if (stopwatch.Elapsed > StartTimeout)
            {
                throw new TimeoutException(
                    $"The Patroni cluster in {RootDirectory} was not replicating within {StartTimeout.TotalSeconds:0} s: {state}.{Environment.NewLine}{await DiagnosticsAsync(ct)}");
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>Empty when every replica streams from <paramref name="primary"/> (and one is the recorded synchronous standby); else what is missing.</summary>
    private async Task<string> ReplicationStateAsync(PatroniMember primary, CancellationToken ct)
    {
        var replicas = Members.Where(m => m != primary).ToList();
        var streaming = new HashSet<string>();
        try
        {
            await using var connection = new NpgsqlConnection(primary.MaintenanceConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT application_name FROM pg_stat_replication WHERE state = 'streaming'", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                streaming.Add(reader.GetString(0));
            }
        }
        catch (NpgsqlException ex)
        {
            return $"the primary {primary.Name} cannot be queried ({ex.Message})";
        }

        if (replicas.Where(r => !streaming.Contains(r.Name)).Select(r => r.Name).ToList() is { Count: > 0 } lagging)
        {
            return $"{string.Join(", ", lagging)} not streaming from {primary.Name} yet";
        }

        // Patroni promotes only the standby recorded in etcd's /sync key, and records it a loop after PostgreSQL
        // reports it synchronous: wait for the record, or a failover right after the start would find no candidate.
        if (SynchronousMode && replicas.Count > 0)
        {
            foreach (var replica in replicas)
            {
                if (await HttpProbe.IsOkAsync(new Uri(replica.RestUrl, "sync"), ct))
                {
                    return string.Empty;
                }
            }

            return "no replica is the recorded synchronous standby yet";
        }

        return string.Empty;
    }

    private async Task<string> ClusterViewAsync(CancellationToken ct)
    {
        foreach (var member in Members)
        {
            try
            {
                return "GET /cluster: " + await Rest.GetStringAsync(new Uri(member.RestUrl, "cluster"), ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // That member is down: ask the next one.
            }
        }

        return "GET /cluster: no member's REST API answers.";
    }

    /// <summary>A YAML single-quoted scalar.</summary>
    private static string Yaml(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
