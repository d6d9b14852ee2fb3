using System.Globalization;
using System.Net;
using Platform.LocalResources;
using Xunit.Abstractions;

// The tests measure start → ready; two AppHosts side by side on two cores would mostly measure each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Platform.AppHostTests;

/// <summary>
/// What AppHost/README.md promises, checked on the real AppHost: it prints the URL and the setup token, the product
/// answers there and can be set up, Ctrl+C (SIGINT) stops everything it started and exits 0, and the data folder
/// (<c>--data</c>, relative to the current folder) keeps the organisation across a restart.
/// </summary>
public sealed class AppHostTests(ITestOutputHelper output)
{
    /// <summary>The README measures 1.8–2.2 s from Ctrl+C to everything stopped; this bound leaves room for a busy machine.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Single_topology_is_set_up_through_the_printed_url_stops_cleanly_on_SIGINT_and_keeps_its_data()
    {
        using var folder = new RunFolder();
        var port = PortAllocator.GetFreeTcpPort();
        var pgPort = PortAllocator.GetFreeTcpPort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        string[] arguments = ["--port", Invariant(port), "--pg-port", Invariant(pgPort), "--data", "data"];

        string firstToken;
        await using (var first = new AppHostRun(folder.Root, arguments))
        {
            await first.StartAsync();
            AssertPrinted(first, $"[apphost] open {url}");
            firstToken = first.SetupToken ?? throw new Xunit.Sdk.XunitException($"No setup token was printed on a first run.{first.Tail()}");

            using var api = new PlatformApi(url, first);
            Assert.Equal(HttpStatusCode.OK, await api.GetStatusAsync("/health/ready"));
            Assert.True(await api.IsSetupRequiredAsync(), $"A fresh data folder should need setup.{first.Tail()}");
            Assert.Equal(HttpStatusCode.Created, await api.SetUpAsync(firstToken));
            await api.LogInAsync();
            Assert.Equal(PlatformApi.AdminEmail, (await api.GetJsonAsync("/api/v1/me")).GetProperty("email").GetString());

            // --data data, from the AppHost's current folder: everything lives there.
            Assert.True(File.Exists(Path.Combine(folder.DataDirectory, "postgres", "PG_VERSION")), first.Tail());

            await StopAndAssertNothingLeftAsync(first, folder, [port, pgPort], nodes: 1, rabbitMq: false);
            Report("single, fresh data folder (initdb included)", first);
        }

        await using (var second = new AppHostRun(folder.Root, arguments))
        {
            await second.StartAsync();
            Assert.Null(second.SetupToken);
            AssertPrinted(second, "[apphost] log in with your organisation's admin");

            using var api = new PlatformApi(url, second);
            Assert.False(await api.IsSetupRequiredAsync(), $"The organisation should have survived the restart.{second.Tail()}");
            // Each launch has its own token; the first one opens nothing now.
            Assert.Equal(HttpStatusCode.Forbidden, await api.SetUpAsync(firstToken));
            await api.LogInAsync();
            Assert.Equal(PlatformApi.AdminEmail, (await api.GetJsonAsync("/api/v1/me")).GetProperty("email").GetString());

            await StopAndAssertNothingLeftAsync(second, folder, [port, pgPort], nodes: 1, rabbitMq: false);
            Report("single, restart on the same data folder", second);
        }
    }

    [Fact]
    public async Task Cluster_topology_serves_through_the_gateway_lists_its_five_nodes_and_stops_cleanly_on_SIGINT()
    {
        using var folder = new RunFolder();
        var pgPort = PortAllocator.GetFreeTcpPort();
        var rabbitPort = PortAllocator.GetFreeTcpPort();
        // The gateway listens on --port P and the four role nodes on P+1..P+4: all five must be free.
        var port = PortAllocator.GetFreeTcpPortRange(5);
        var gateway = new Uri($"http://127.0.0.1:{port}/");
        await using var run = new AppHostRun(folder.Root,
            ["--topology", "cluster", "--port", Invariant(port), "--pg-port", Invariant(pgPort), "--rabbit-port", Invariant(rabbitPort), "--data", "data"]);

        await run.StartAsync();
        AssertPrinted(run, $"[apphost] open {gateway}");
        var token = run.SetupToken ?? throw new Xunit.Sdk.XunitException($"No setup token was printed on a first run.{run.Tail()}");

        using var api = new PlatformApi(gateway, run);
        Assert.Equal(HttpStatusCode.OK, await api.GetStatusAsync("/health/ready"));
        Assert.True(await api.IsSetupRequiredAsync(), $"A fresh data folder should need setup.{run.Tail()}");
        Assert.Equal(HttpStatusCode.Created, await api.SetUpAsync(token));
        await api.LogInAsync();

        var expected = new Dictionary<string, (string[] Roles, int Port)>
        {
            ["gateway"] = (["gateway"], port),
            ["web-1"] = (["web"], port + 1),
            ["web-2"] = (["web"], port + 2),
            ["files-workers"] = (["files", "workers"], port + 3),
            ["mail-scheduler"] = (["mail", "scheduler"], port + 4),
        };
        var nodes = (await api.GetJsonAsync("/api/v1/admin/cluster/nodes")).GetProperty("nodes").EnumerateArray()
            .ToDictionary(n => n.GetProperty("id").GetString()!);
        Assert.True(expected.Keys.Order().SequenceEqual(nodes.Keys.Order()),
            $"The registry lists {string.Join(", ", nodes.Keys.Order())}.{run.Tail()}");
        foreach (var (id, (roles, nodePort)) in expected)
        {
            var node = nodes[id];
            Assert.Equal(roles.Order(), node.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).Order());
            Assert.Equal("up", node.GetProperty("health").GetString());
            Assert.Equal($"http://127.0.0.1:{nodePort}", node.GetProperty("address").GetString()!.TrimEnd('/'));
            if (id != "gateway")
            {
                // The AppHost prints every node behind the gateway with its own URL.
                var nodeUrl = $"http://127.0.0.1:{nodePort}/";
                AssertPrinted(run, line => line.Contains(id, StringComparison.Ordinal) && line.Contains(nodeUrl, StringComparison.Ordinal),
                    $"{id} with its URL {nodeUrl}");
            }
        }

        await StopAndAssertNothingLeftAsync(run, folder, [port, port + 1, port + 2, port + 3, port + 4, pgPort, rabbitPort],
            nodes: 5, rabbitMq: true);
        Report("cluster, fresh data folder", run);
    }

    /// <summary>
    /// SIGINT, as Ctrl+C: exit code 0 within <see cref="StopTimeout"/>, and not one process of the run left — neither one
    /// seen while it ran (checked first to be there: postgres, the nodes, RabbitMQ's beam and epmd) nor any other
    /// that names the data folder — and its ports free again.
    /// </summary>
    private static async Task StopAndAssertNothingLeftAsync(AppHostRun run, RunFolder folder, int[] ports, int nodes, bool rabbitMq)
    {
        var started = ProcessTable.BelongingTo(run.ProcessId, folder.Root);
        var seen = string.Join(Environment.NewLine, started);
        // DCP (its own session) starts the nodes; those that name the data folder (the file store) are found here.
        Assert.True(started.Count(p => p.CommandLine.Contains("Platform.Host", StringComparison.Ordinal)) >= Math.Min(nodes, 1),
            $"Expected Platform.Host processes among:{Environment.NewLine}{seen}");
        Assert.True(started.Any(p => p.Name == "postgres"), $"No postgres among:{Environment.NewLine}{seen}");
        Assert.True(!rabbitMq || started.Any(p => p.Name == "beam.smp") && started.Any(p => p.Name == "epmd"),
            $"No RabbitMQ beam.smp and epmd among:{Environment.NewLine}{seen}");

        var exitCode = await run.InterruptAsync(StopTimeout);

        Assert.True(exitCode == 0, $"The AppHost exited with code {exitCode} after SIGINT.{run.Tail()}");
        // DCP stops its resources after the AppHost has exited (15 s measured on a loaded machine): wait for it.
        var deadline = DateTime.UtcNow + StopTimeout;
        List<ProcessEntry> left;
        while ((left = ProcessTable.StillRunning(started).Concat(ProcessTable.BelongingTo(null, folder.Root)).Distinct().ToList()).Count > 0
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.True(left.Count == 0,
            $"Still running after the AppHost exited:{Environment.NewLine}{string.Join(Environment.NewLine, left)}{run.Tail()}");
        var busy = ports.Where(PortAllocator.IsInUse).ToList();
        for (; busy.Count > 0 && DateTime.UtcNow < deadline; busy = ports.Where(PortAllocator.IsInUse).ToList())
        {
            await Task.Delay(500);
        }

        Assert.True(busy.Count == 0, $"Ports still in use after the AppHost exited: {string.Join(", ", busy)}.{run.Tail()}");
    }

    private static void AssertPrinted(AppHostRun run, string line) =>
        AssertPrinted(run, l => l.Trim() == line, $"'{line}'");

    private static void AssertPrinted(AppHostRun run, Func<string, bool> match, string expected) =>
        Assert.True(run.Output.Any(match), $"The AppHost did not print {expected}.{run.Tail()}");

    private void Report(string what, AppHostRun run) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: start → ready {run.StartToReady!.Value.TotalSeconds:0.0} s, SIGINT → exit {run.StopDuration!.Value.TotalSeconds:0.0} s; AppHost: {run.ReadyLine}"));

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
