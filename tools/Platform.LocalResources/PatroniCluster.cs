using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Platform.LocalResources;

/// <summary>
/// A private PostgreSQL high-availability cluster shaped like a production one, on one machine: one etcd (a single
/// member) as Patroni's configuration store and <see cref="Members"/> Patroni members, each managing its own
/// PostgreSQL server, all in <see cref="RootDirectory"/> and on loopback ports from <see cref="PortAllocator"/>.
/// <list type="bullet">
/// <item>Every process runs in its own session with a pid file beside its folder; a start on a folder left by a run
/// that was killed hard first ends what that run left (Patroni, its postmasters, etcd), then starts from scratch.</item>
/// <item><see cref="StopAsync"/> stops Patroni (which stops its PostgreSQL), ends any PostgreSQL process still
/// working in a member's data folder, then stops etcd: nothing is left running.</item>
/// <item>Authentication is <c>trust</c> on 127.0.0.1 (superuser postgres, replication user replicator): a development
/// and test cluster, never a production one. Run as root, Patroni and PostgreSQL run as the postgres user.</item>
/// </list>
/// </summary>
public sealed partial class PatroniCluster : IAsyncDisposable
{
    /// <summary>The Patroni scope (cluster name); also PostgreSQL's cluster_name.</summary>
    public const string Scope = "platform";

    private const string ServiceUser = "postgres";
    private ManagedProcess? _etcd;
    private bool _started;
    private bool _disposed;

    public PatroniCluster(string rootDirectory, int members = 2)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        RootDirectory = Path.GetFullPath(rootDirectory);
        EtcdClientPort = PortAllocator.GetFreeTcpPort();
        EtcdPeerPort = PortAllocator.GetFreeTcpPort();
        Members =
        [
            .. Enumerable.Range(1, members).Select(i => new PatroniMember(
                Invariant($"member-{i}"), Path.Combine(RootDirectory, Invariant($"member-{i}")),
                PortAllocator.GetFreeTcpPort(), PortAllocator.GetFreeTcpPort())),
        ];
    }

    public string RootDirectory { get; }

    public IReadOnlyList<PatroniMember> Members { get; }

    public int EtcdClientPort { get; }

    public int EtcdPeerPort { get; }

    /// <summary>
    /// How long the leader key lives without a renewal: a primary that dies is replaced about this long after its last
    /// renewal. Patroni wants <c>ttl ≥ loop_wait + 2 × retry_timeout</c>.
    /// </summary>
    public int TtlSeconds { get; init; } = 10;

    /// <summary>Seconds between two runs of each member's HA loop.</summary>
    public int LoopWaitSeconds { get; init; } = 2;

    /// <summary>How long Patroni retries etcd and PostgreSQL operations before it demotes a primary that cannot renew.</summary>
    public int RetryTimeoutSeconds { get; init; } = 4;

    /// <summary>
    /// Patroni's <c>synchronous_mode</c> (with <c>synchronous_mode_strict</c> off): a commit is acknowledged only once a
    /// replica has it on disk, and only that replica may be promoted, so a failover loses no acknowledged commit.
    /// Not strict: with no replica left, the primary goes on alone rather than stopping every write.
    /// </summary>
    public bool SynchronousMode { get; init; } = true;

    /// <summary>How long <see cref="StartAsync"/> waits for a leader and streaming replicas.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    public TimeSpan? LastStartDuration { get; private set; }

    /// <summary>etcd's process id while it runs.</summary>
    public int? EtcdProcessId => _etcd is { HasExited: false } etcd ? etcd.ProcessId : null;

    private string EtcdDirectory => Path.Combine(RootDirectory, "etcd");

    private Uri EtcdUrl => new(Invariant($"http://127.0.0.1:{EtcdClientPort}/"));

    /// <summary>
    /// Starts etcd and every member, and returns once one member is the primary and every other one is a replica
    /// streaming from it (and, in <see cref="SynchronousMode"/>, one of them is the synchronous standby Patroni may
    /// promote). A single use: a cluster object starts once.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started)
        {
            throw new InvalidOperationException("The cluster was already started; create a new PatroniCluster to start another.");
        }

        _started = true;
        var stopwatch = Stopwatch.StartNew();
        PatroniBinaries.EnsureInstalled();
        var binDirectory = PostgresBinaries.Locate();
        _etcd = new ManagedProcess(EtcdOptions());
        foreach (var member in Members)
        {
            member.Process = new ManagedProcess(PatroniOptions(member));
        }

        try
        {
            await EndLeftoversAsync();
            ThrowIfAnyPortIsTaken();
            await PrepareFoldersAsync(binDirectory, ct);
            _etcd.Start();
            await _etcd.WaitForHttpOkAsync(new Uri(EtcdUrl, "health"), TimeSpan.FromSeconds(30), ct);
            foreach (var member in Members)
            {
                member.Process!.Start();
            }

            await WaitUntilReplicatingAsync(ct);
        }
        catch
        {
            await StopAsync();
            throw;
        }

        LastStartDuration = stopwatch.Elapsed;
    }

    /// <summary>
    /// An Npgsql connection string naming every member (<c>Host=127.0.0.1:p1,127.0.0.1:p2</c>), for a multi-host data
    /// source that targets the primary: the way an application finds the primary after a failover.
    /// </summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = string.Join(',', Members.Select(m => Invariant($"127.0.0.1:{m.PostgresPort}"))),
        Username = ServiceUser,
        Database = database,
    }.ConnectionString;

    public PatroniMember Member(string name) =>
        Members.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"No member named '{name}'.", nameof(name));

    /// <summary>The member that runs as primary and holds the leader lock right now (its REST API answers /primary with 200), or null.</summary>
    public async Task<PatroniMember?> PrimaryMemberAsync(CancellationToken ct)
    {
        foreach (var member in Members)
        {
            if (await HttpProbe.IsOkAsync(new Uri(member.RestUrl, "primary"), ct))
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>Polls <see cref="PrimaryMemberAsync"/> until a member is primary (after a failover: the promoted one).</summary>
    public async Task<PatroniMember> WaitForPrimaryAsync(TimeSpan timeout, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (await PrimaryMemberAsync(ct) is { } primary)
            {
                return primary;
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException($"No member became primary within {timeout.TotalSeconds:0} s.{Environment.NewLine}{await DiagnosticsAsync(ct)}");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// kill -9 of a whole member, as when its machine dies: Patroni first (it would otherwise restart its PostgreSQL),
    /// then every PostgreSQL process of the member. Returns once none of them runs. The member stays down.
    /// </summary>
    public async Task KillMemberAsync(string name)
    {
        var member = Member(name);
        member.Process?.Kill();
        await member.KillPostgresAsync();
        if (member.Process is { } process)
        {
            await process.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Creates the database on the current primary unless it exists (replicas get it through replication).</summary>
    public async Task EnsureDatabaseAsync(string name, CancellationToken ct)
    {
        var primary = await WaitForPrimaryAsync(TimeSpan.FromSeconds(30), ct);
        await PostgresDatabases.EnsureAsync(primary.MaintenanceConnectionString, name, ct);
    }

    /// <summary>For failure messages: the cluster as Patroni sees it (<c>GET /cluster</c>), each member's log tail and etcd's output.</summary>
    public async Task<string> DiagnosticsAsync(CancellationToken ct, int lines = 40)
    {
        var text = new StringBuilder().AppendLine(Invariant($"Patroni cluster in {RootDirectory} (etcd on {EtcdClientPort}):"));
        text.AppendLine(await ClusterViewAsync(ct));
        foreach (var member in Members)
        {
            text.AppendLine(Invariant($"--- {member.Name} (PostgreSQL {member.PostgresPort}, REST {member.RestPort}), last lines of {member.LogFile}:"))
                .AppendLine(member.LogTail(lines));
        }

        text.AppendLine("--- etcd, last lines:");
        foreach (var line in (_etcd?.RecentOutput ?? []).TakeLast(10))
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    /// <summary>
    /// Stops every member (SIGTERM: Patroni stops its PostgreSQL with a fast shutdown; SIGKILL after 30 s), ends any
    /// PostgreSQL process still working in a member's folder, then stops etcd. The folders stay.
    /// </summary>
    public async Task StopAsync()
    {
        await Task.WhenAll(Members.Select(m => m.Process?.StopAsync(TimeSpan.FromSeconds(30)) ?? Task.CompletedTask));
        foreach (var member in Members)
        {
            await member.KillPostgresAsync();
        }

        if (_etcd is not null)
        {
            await _etcd.StopAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        foreach (var member in Members)
        {
            if (member.Process is { } process)
            {
                await process.DisposeAsync();
            }
        }

        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }
    }
}
