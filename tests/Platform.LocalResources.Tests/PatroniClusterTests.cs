using System.Diagnostics;
using Npgsql;
using Xunit.Abstractions;

namespace Platform.LocalResources.Tests;

public sealed class PatroniClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_members_elect_a_primary_that_replicates_synchronously_to_the_other_and_dispose_leaves_nothing_running()
    {
        using var temp = new TempDirectory();
        var processes = new List<int>();
        var ports = new List<int>();
        var stopping = new Stopwatch();
        await using (var cluster = new PatroniCluster(Path.Combine(temp.Path, "patroni")))
        {
            await cluster.StartAsync(CancellationToken.None);
            output.WriteLine($"started (primary elected, replica streaming and recorded synchronous) in {cluster.LastStartDuration?.TotalSeconds:0.0} s");
            ports.AddRange([cluster.EtcdClientPort, cluster.EtcdPeerPort, .. cluster.Members.SelectMany(m => new[] { m.PostgresPort, m.RestPort })]);
            processes.AddRange([cluster.EtcdProcessId!.Value, .. cluster.Members.Select(m => m.PatroniProcessId!.Value)]);
            processes.AddRange(cluster.Members.SelectMany(m => m.PostgresProcessIds()));

            var primary = await cluster.PrimaryMemberAsync(CancellationToken.None);
            Assert.NotNull(primary);
            var replica = Assert.Single(cluster.Members, m => m != primary);
            Assert.False(await Sql.ScalarAsync<bool>(primary.ConnectionString("postgres"), "SELECT pg_is_in_recovery()"));
            Assert.True(await Sql.ScalarAsync<bool>(replica.ConnectionString("postgres"), "SELECT pg_is_in_recovery()"));
            Assert.Equal($"{replica.Name} streaming sync", await Sql.ScalarAsync<string>(primary.ConnectionString("postgres"),
                "SELECT string_agg(application_name || ' ' || state || ' ' || sync_state, ', ') FROM pg_stat_replication"));

            // The application's way in: a multi-host data source over every member, targeting the primary.
            await cluster.EnsureDatabaseAsync("probe", CancellationToken.None);
            await using (var dataSource = new NpgsqlDataSourceBuilder(cluster.ConnectionString("probe"))
                             .BuildMultiHost().WithTargetSession(TargetSessionAttributes.Primary))
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                // remote_apply: the commit returns once the synchronous standby has applied it, so the replica reads it at once.
                await using var write = new NpgsqlCommand(
                    "SET synchronous_commit = remote_apply; CREATE TABLE marker(id int); INSERT INTO marker VALUES (42); SELECT inet_server_port()", connection);
                Assert.Equal(primary.PostgresPort, (int)(await write.ExecuteScalarAsync())!);
            }

            Assert.Equal(42, await Sql.ScalarAsync<int>(replica.ConnectionString("probe"), "SELECT id FROM marker"));

            int[] replicaProcesses = [replica.PatroniProcessId!.Value, .. replica.PostgresProcessIds()];
            await cluster.KillMemberAsync(replica.Name);
            Assert.DoesNotContain(replicaProcesses, LiveProcesses.IsRunning);
            Assert.Empty(LiveProcesses.Mentioning(replica.Directory));

            // Not strict: a commit waits for the synchronous standby that is gone only until Patroni drops it (a loop or two).
            var alone = Stopwatch.StartNew();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            Assert.Equal(43, await Sql.ScalarAsync<int>(primary.ConnectionString("probe"), "INSERT INTO marker VALUES (43) RETURNING id", limit.Token));
            output.WriteLine($"first commit on the primary after its synchronous standby was killed: {alone.Elapsed.TotalSeconds:0.0} s");
            processes.AddRange(primary.PostgresProcessIds());
            stopping.Start();
        }

        output.WriteLine($"stopped in {stopping.Elapsed.TotalSeconds:0.0} s");
        Assert.Empty(LiveProcesses.Mentioning(temp.Path));
        Assert.DoesNotContain(processes, LiveProcesses.IsRunning);
        Assert.DoesNotContain(ports, PortAllocator.IsInUse);
    }
}
