using System.Globalization;
using System.Net;
using System.Text.Json;
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
    /// <summary>SIGINT → the AppHost's exit (measured 0.3–1.1 s); the bound leaves room for a busy machine.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The AppHost's exit → DCP has stopped every resource and itself (single ~16 s, cluster up to ~50 s measured at load
    /// 10–15: RabbitMQ's graceful stop and the nodes' shutdown); generous, as everything here, for a busy 2-core machine.
    /// </summary>
    private static readonly TimeSpan EverythingStoppedTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Single_topology_is_set_up_through_the_printed_url_stops_cleanly_on_SIGINT_and_keeps_its_data()
    {
        using var folder = new RunFolder();
        var port = PortAllocator.GetFreeTcpPort();
        var pgPort = PortAllocator.GetFreeTcpPort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var imapPort = PortAllocator.GetFreeTcpPort();
        var smtpPort = PortAllocator.GetFreeTcpPort();
        string[] arguments = ["--port", Invariant(port), "--pg-port", Invariant(pgPort), "--imap-port", Invariant(imapPort), "--smtp-port", Invariant(smtpPort), "--data", "data"];

        string firstToken;
        await using (var first = new AppHostRun(folder.Root, arguments))
        {
            await first.StartAsync();
            AssertPrinted(first, $"[apphost] open {url}");
            var mailLine = $"[apphost] mail: write to tasks@platform.test through SMTP 127.0.0.1:{smtpPort} ";
            AssertPrinted(first, line => line.StartsWith(mailLine, StringComparison.Ordinal) && line.Contains($"IMAP 127.0.0.1:{imapPort}", StringComparison.Ordinal), mailLine);
            firstToken = first.SetupToken ?? throw new Xunit.Sdk.XunitException($"No setup token was printed on a first run.{first.Tail()}");

            using var api = new PlatformApi(url, first);
            Assert.Equal(HttpStatusCode.OK, await api.GetStatusAsync("/health/ready"));
            Assert.True(await api.IsSetupRequiredAsync(), $"A fresh data folder should need setup.{first.Tail()}");
            Assert.Equal(HttpStatusCode.Created, await api.SetUpAsync(firstToken));
            await api.LogInAsync();
            Assert.Equal(PlatformApi.AdminEmail, (await api.GetJsonAsync("/api/v1/me")).GetProperty("email").GetString());

            // --data data, from the AppHost's current folder: everything lives there.
            Assert.True(File.Exists(Path.Combine(folder.DataDirectory, "postgres", "PG_VERSION")), first.Tail());
            await AssertDashboardAnswersAsync(first);

            await StopAndAssertNothingLeftAsync(first, folder, [port, pgPort], SingleProcesses);
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

            await StopAndAssertNothingLeftAsync(second, folder, [port, pgPort], SingleProcesses);
            Report("single, restart on the same data folder", second);
        }
    }

    [Fact]
    public async Task Cluster_topology_serves_through_the_gateway_lists_its_five_nodes_and_stops_cleanly_on_SIGINT()
    {
        using var folder = new RunFolder();
        var pgPort = PortAllocator.GetFreeTcpPort();
        var rabbitPort = PortAllocator.GetFreeTcpPort();
        var natsPort = PortAllocator.GetFreeTcpPort();
        // The gateway listens on --port P and the four role nodes on P+1..P+4: all five must be free.
        var port = PortAllocator.GetFreeTcpPortRange(5);
        var gateway = new Uri($"http://127.0.0.1:{port}/");
        await using var run = new AppHostRun(folder.Root,
            ["--topology", "cluster", "--port", Invariant(port), "--pg-port", Invariant(pgPort), "--rabbit-port", Invariant(rabbitPort),
             "--nats-port", Invariant(natsPort), "--imap-port", Invariant(PortAllocator.GetFreeTcpPort()),
             "--smtp-port", Invariant(PortAllocator.GetFreeTcpPort()), "--data", "data"]);

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

        await AssertNodesUseRabbitMqAndNatsAsync(run, folder, expected, rabbitPort, natsPort);
        await AssertDashboardAnswersAsync(run);

        await StopAndAssertNothingLeftAsync(run, folder, [port, port + 1, port + 2, port + 3, port + 4, pgPort, rabbitPort, natsPort],
            [.. SingleProcesses, "beam.smp", "epmd -port", "nats-server"]);
        Report("cluster, fresh data folder", run);
    }

    /// <summary>What every run starts, as command-line fragments: DCP, the dashboard, PostgreSQL and the nodes.</summary>
    private static readonly string[] SingleProcesses =
        ["dcp start-apiserver", "dcp run-controllers", "Aspire.Dashboard", "postgresql/15/bin/postgres", "Platform.Host", "dovecot", "aiosmtpd"];

    /// <summary>
    /// SIGINT, as Ctrl+C: exit code 0 within <see cref="StopTimeout"/>, and not one process of the run left — neither one
    /// seen while it ran (each of <paramref name="expected"/> checked first to be among them) nor any other that names
    /// the data folder — and its ports (the dashboard's three too) free again.
    /// </summary>
    private static async Task StopAndAssertNothingLeftAsync(AppHostRun run, RunFolder folder, int[] ports, string[] expected)
    {
        var started = ProcessTable.BelongingTo(run.ProcessId, folder.Root);
        var seen = string.Join(Environment.NewLine, started);
        foreach (var fragment in expected)
        {
            Assert.True(started.Any(p => p.CommandLine.Contains(fragment, StringComparison.Ordinal)),
                $"No process with '{fragment}' among those of the run:{Environment.NewLine}{seen}");
        }

        var exitCode = await run.InterruptAsync(StopTimeout);

        Assert.True(exitCode == 0, $"The AppHost exited with code {exitCode} after SIGINT.{run.Tail()}");
        // DCP stops its resources after the AppHost has exited: wait for it.
        var deadline = DateTime.UtcNow + EverythingStoppedTimeout;
        List<ProcessEntry> left;
        while ((left = ProcessTable.StillRunning(started).Concat(ProcessTable.BelongingTo(null, folder.Root)).Distinct().ToList()).Count > 0
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.True(left.Count == 0,
            $"Still running after the AppHost exited:{Environment.NewLine}{string.Join(Environment.NewLine, left)}{run.Tail()}");
        int[] allPorts = [.. ports, run.DashboardPort, run.DashboardPort + 1, run.DashboardPort + 2];
        var busy = allPorts.Where(PortAllocator.IsInUse).ToList();
        for (; busy.Count > 0 && DateTime.UtcNow < deadline; busy = allPorts.Where(PortAllocator.IsInUse).ToList())
        {
            await Task.Delay(500);
        }

        Assert.True(busy.Count == 0, $"Ports still in use after the AppHost exited: {string.Join(", ", busy)}.{run.Tail()}");
    }

    /// <summary>
    /// The printed dashboard URL signs a browser in (its token sets the auth cookie) and the resources page answers;
    /// without the token, or with a wrong one, the dashboard sends the browser to its login page and sets no cookie.
    /// </summary>
    private static async Task AssertDashboardAnswersAsync(AppHostRun run)
    {
        var login = run.DashboardLogin ?? throw new Xunit.Sdk.XunitException($"No dashboard login URL was printed.{run.Tail()}");
        var dashboard = new Uri(login.GetLeftPart(UriPartial.Authority) + "/");
        Assert.Equal(run.DashboardPort, dashboard.Port);

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using (var response = await anonymous.GetAsync(dashboard))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/login", StringComparison.Ordinal),
                $"GET {dashboard} without signing in answered {(int)response.StatusCode} {response.Headers.Location}.{run.Tail()}");
        }

        using (var response = await anonymous.GetAsync(new Uri(dashboard, "login?t=not-the-token")))
        {
            Assert.False(response.Headers.Contains("Set-Cookie"), $"A wrong dashboard token set a cookie.{run.Tail()}");
        }

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
        using (var response = await browser.GetAsync(login))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && response.RequestMessage!.RequestUri!.AbsolutePath == "/",
                $"The printed login URL led to {(int)response.StatusCode} {response.RequestMessage?.RequestUri}.{run.Tail()}");
            Assert.Contains("aspire-version", body, StringComparison.Ordinal);
        }

        Assert.NotEmpty(cookies.GetCookies(dashboard));
    }

    /// <summary>
    /// Every role node holds a connection to RabbitMQ (the bus, not the in-memory one) and both web nodes one to NATS (the
    /// real-time fan-out), and their readiness says so; the gateway needs neither.
    /// </summary>
    private static async Task AssertNodesUseRabbitMqAndNatsAsync(AppHostRun run, RunFolder folder,
        Dictionary<string, (string[] Roles, int Port)> nodes, int rabbitPort, int natsPort)
    {
        var processes = ProcessTable.BelongingTo(run.ProcessId, folder.Root).Where(p => p.Name == "Platform.Host").ToList();
        int PidOf(string id) => processes.Single(p => p.CommandLine.Contains($"--urls http://127.0.0.1:{Invariant(nodes[id].Port)}",
            StringComparison.Ordinal)).Pid;
        var pids = nodes.Keys.ToDictionary(id => id, PidOf);
        var roleNodes = nodes.Keys.Where(id => id != "gateway").ToList();
        string[] webNodes = ["web-1", "web-2"];

        // The bus connects while the node starts (its readiness waits for it); a connection seen once is enough.
        var onRabbit = TcpConnections.ConnectedTo(rabbitPort, pids.Values);
        var onNats = TcpConnections.ConnectedTo(natsPort, pids.Values);
        Assert.True(roleNodes.All(id => onRabbit.Contains(pids[id])) && !onRabbit.Contains(pids["gateway"]),
            $"Connected to RabbitMQ: {string.Join(", ", pids.Where(p => onRabbit.Contains(p.Value)).Select(p => p.Key))}.{run.Tail()}");
        Assert.True(webNodes.All(id => onNats.Contains(pids[id])),
            $"Connected to NATS: {string.Join(", ", pids.Where(p => onNats.Contains(p.Value)).Select(p => p.Key))}.{run.Tail()}");

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var id in webNodes)
        {
            var ready = JsonDocument.Parse(await client.GetStringAsync(new Uri($"http://127.0.0.1:{Invariant(nodes[id].Port)}/health/ready")));
            Assert.Equal("Healthy", ready.RootElement.GetProperty("checks").GetProperty("nats").GetProperty("status").GetString());
        }
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
