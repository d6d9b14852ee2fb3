using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>
/// Administrators watch the nodes of the installation on the Cluster page (the e2e host is the only real node, with
/// every role); the page refreshes itself, so a node that stops heartbeating shows as down while it is open. Members
/// neither see the page in the menu nor get anything but an explanation when they open its address.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class ClusterViewTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_admin_sees_the_host_node_with_roles_health_load_version_and_heartbeat_and_a_silent_node_turns_up_down_without_reload()
    {
        await using var browser = new BrowserSession(platform, nameof(An_admin_sees_the_host_node_with_roles_health_load_version_and_heartbeat_and_a_silent_node_turns_up_down_without_reload));
        await browser.RunAsync(async () =>
        {
            // What the host says about itself, anonymously: the row must show the same.
            var self = (await platform.Api.GetFromJsonAsync<NodeInfo>("health/node"))!;
            // The e2e host runs with the default "all": every role but the gateway.
            Assert.Equal<string>(["files", "mail", "scheduler", "web", "workers"], self.Roles.Order(StringComparer.Ordinal));

            var ann = await browser.OpenPageAsync("ann");
            await BrowserSession.LogInAsync(ann, platform.Ann);
            await ann.GetByTestId("nav-cluster").ClickAsync();

            var host = Row(ann, self.NodeId);
            await Expect(host.GetByTestId("cluster-node-id")).ToHaveTextAsync(self.NodeId);
            await Expect(host.GetByTestId("cluster-node-role")).ToHaveTextAsync(self.Roles.ToArray());
            await Expect(host.GetByTestId("cluster-node-health")).ToHaveAttributeAsync("data-health", "up");
            await Expect(host.GetByTestId("cluster-node-health")).ToHaveTextAsync("up");
            await Expect(host.GetByTestId("cluster-node-version")).ToHaveTextAsync(self.Version);
            // Heartbeats come every 2 s: a recent one is seconds old.
            await Expect(host.GetByTestId("cluster-node-heartbeat")).ToHaveTextAsync(SecondsAgo());
            await Expect(host.GetByTestId("cluster-node-cpu")).ToHaveTextAsync(CpuShare());
            await Expect(host.GetByTestId("cluster-node-memory")).ToHaveTextAsync(NonZeroMegabytes());
            // Ann's own page holds an SSE stream (also an in-flight request) on this node; a later heartbeat reports it
            // and a later refresh of the page shows it.
            await Expect(host.GetByTestId("cluster-node-streams")).ToHaveTextAsync(PositiveCount());
            await Expect(host.GetByTestId("cluster-node-in-flight")).ToHaveTextAsync(PositiveCount());

            // A node that was killed: its row stays in the registry with an old heartbeat. It is inserted only now, so
            // only the page's own refresh can bring it in; the marker proves the page was not reloaded.
            var silentId = "e2e-silent-" + Guid.NewGuid().ToString("N")[..8];
            var silent = Row(ann, silentId);
            await Expect(silent).ToHaveCountAsync(0);
            await ann.EvaluateAsync("() => { window.__clusterMarker = 1; }");
            await using var database = NpgsqlDataSource.Create(platform.ConnectionString);
            await using (var insert = database.CreateCommand(
                """
                INSERT INTO platform.nodes (id, roles, address, version, started_at, last_heartbeat_at, cpu_percent, in_flight_requests, open_streams, memory_bytes)
                VALUES (@id, '{web}', 'http://10.0.0.9:8080', '0.0.1-e2e', now() - interval '1 hour', now() - interval '5 minutes', 12.5, 3, 2, 268435456)
                """))
            {
                insert.Parameters.AddWithValue("id", silentId);
                await insert.ExecuteNonQueryAsync();
            }

            try
            {
                await Expect(silent.GetByTestId("cluster-node-health")).ToHaveAttributeAsync("data-health", "down");
                await Expect(silent.GetByTestId("cluster-node-health")).ToHaveTextAsync("down");
                await Expect(silent.GetByTestId("cluster-node-heartbeat")).ToHaveTextAsync("5 min ago");
                await Expect(silent.GetByTestId("cluster-node-version")).ToHaveTextAsync("0.0.1-e2e");
                await Expect(silent.GetByTestId("cluster-node-memory")).ToHaveTextAsync("256.0 MB");
                // Down nodes come first and are counted in the summary; the host is still up.
                await Expect(ann.GetByTestId("cluster-node").First).ToHaveAttributeAsync("data-node-id", silentId);
                await Expect(ann.GetByTestId("cluster-down-count")).ToHaveTextAsync("1 down");
                await Expect(host.GetByTestId("cluster-node-health")).ToHaveAttributeAsync("data-health", "up");
                Assert.Equal(1, await ann.EvaluateAsync<int?>("() => window.__clusterMarker ?? null"));
            }
            finally
            {
                // Other journeys share this database: leave the registry as the host keeps it.
                await using var delete = database.CreateCommand("DELETE FROM platform.nodes WHERE id = @id");
                delete.Parameters.AddWithValue("id", silentId);
                await delete.ExecuteNonQueryAsync();
            }
        });
    }

    [Fact]
    public async Task A_member_has_no_cluster_link_and_opening_its_address_says_it_is_for_administrators_only()
    {
        await using var browser = new BrowserSession(platform, nameof(A_member_has_no_cluster_link_and_opening_its_address_says_it_is_for_administrators_only));
        await browser.RunAsync(async () =>
        {
            var bob = await browser.OpenPageAsync("bob");
            await BrowserSession.LogInAsync(bob, platform.Bob);
            await Expect(bob.GetByTestId("nav-inbox")).ToBeVisibleAsync();
            await Expect(bob.GetByTestId("nav-cluster")).ToHaveCountAsync(0);

            // Typed into the address bar: a fresh load of the page's URL, not a click inside the app.
            await bob.GotoAsync("about:blank");
            var answered = bob.WaitForResponseAsync(r => r.Url.EndsWith("/api/v1/admin/cluster/nodes", StringComparison.Ordinal));
            await bob.GotoAsync("/#/cluster");
            Assert.Equal(403, (await answered).Status);
            await Expect(bob.GetByTestId("cluster-error")).ToContainTextAsync("administrators only");
            await Expect(bob.GetByTestId("cluster-table")).ToHaveCountAsync(0);
            await Expect(bob.GetByTestId("current-user")).ToHaveTextAsync(platform.Bob.DisplayName);
        });
    }

    private static ILocator Row(IPage page, string nodeId) => page.Locator($"[data-testid='cluster-node'][data-node-id='{nodeId}']");

    [GeneratedRegex(@"^\d s ago$")]
    private static partial Regex SecondsAgo();

    [GeneratedRegex(@"^\d{1,3}\.\d %$")]
    private static partial Regex CpuShare();

    [GeneratedRegex(@"^[1-9]\d*\.\d MB$")]
    private static partial Regex NonZeroMegabytes();

    [GeneratedRegex(@"^[1-9]\d*$")]
    private static partial Regex PositiveCount();

    private sealed record NodeInfo(string NodeId, IReadOnlyList<string> Roles, string Version);
}
