using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.LocalResources;
using Xunit.Abstractions;

namespace Platform.ClusterTests;

/// <summary>
/// The claim that a Patroni cluster needs no code change: a node whose connection string lists both members of a
/// Patroni cluster (its own here, not the cluster fixture's PostgreSQL), and nothing else changed, loses its primary to
/// kill -9 (Patroni and PostgreSQL, as when the machine dies). Until Patroni promotes the replica the node answers 503
/// problems, never 500; then writes succeed again without restarting the node, and every task it acknowledged, before
/// or after the kill, is there exactly once.
/// "Acknowledged is never lost" holds because the cluster runs Patroni's synchronous_mode: a commit returns only once
/// the replica has it on disk, and only that replica may be promoted. With asynchronous replication a commit
/// acknowledged just before the crash may not have reached the replica yet, and the promotion would drop it.
/// </summary>
[Collection(ClusterGroup.Name)]
#pragma warning disable CA1001 // disposed through IAsyncLifetime.DisposeAsync, as the fixtures are
public sealed class PatroniFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Patroni's ttl is 10 s here: the promotion comes after about that; three times it is a failure.</summary>
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(30);

    /// <summary>The client retries sooner than the 503's Retry-After (5 s), so the outage it sees is the real one.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "platform-patroni-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<Refusal> _refusals = [];
    private readonly Stopwatch _clock = new();
    private PatroniCluster _patroni = null!;
    private HostNode _node = null!;
#pragma warning restore CA1001

    public async Task InitializeAsync()
    {
        _patroni = new PatroniCluster(Path.Combine(_root, "patroni"));
        await _patroni.StartAsync(CancellationToken.None);
        output.WriteLine($"Patroni cluster (2 members, synchronous_mode) up in {_patroni.LastStartDuration?.TotalSeconds:0.0} s");
        await _patroni.EnsureDatabaseAsync("platform", CancellationToken.None);
        // Both members, and no other setting: the claim under test is that nothing else is needed.
        _node = await HostNode.StartAloneAsync("patroni-failover", _patroni.ConnectionString("platform"), "patroni-token", _root);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
            await _node.DisposeAsync();
        await _patroni.DisposeAsync();
        HostNode.DeleteTempFolder(_root);
    }

    [Fact]
    public async Task Killing_the_primary_gives_503s_until_the_replica_is_promoted_then_every_acknowledged_task_is_there_once()
    {
        var people = await ClusterFixture.SetUpOrganizationAsync(_node, "patroni-token");
        using var ann = ClusterFixture.ClientFor(_node, people.AnnToken);
        _clock.Start();
        var acknowledged = new List<Guid>();
        for (var i = 1; i <= 3; i++)
            acknowledged.Add(await CreateTaskAsync(ann, $"before the kill {i}"));
        Assert.Empty(_refusals);

        var primary = await _patroni.PrimaryMemberAsync(CancellationToken.None)
                      ?? throw new InvalidOperationException("No primary before the kill.");
        _clock.Restart();
        await _patroni.KillMemberAsync(primary.Name);
        var promotion = PromotionAsync();
        using var stopReading = new CancellationTokenSource();
        var reads = ReadWhileAsync(ann, acknowledged[0], stopReading.Token);

        acknowledged.Add(await CreateTaskAsync(ann, "sent right after the kill"));
        var outage = _clock.Elapsed;
        for (var i = 1; i <= 3; i++)
            acknowledged.Add(await CreateTaskAsync(ann, $"after the promotion {i}"));
        await stopReading.CancelAsync();
        var (okReads, allReads) = await reads;
        var (promoted, promotedAfter) = await promotion;

        var context = await ContextAsync();
        output.WriteLine($"killed {primary.Name}; {promoted.Name} promoted {promotedAfter.TotalSeconds:0.0} s after the kill; " +
                         $"write outage (kill → first 201) {outage.TotalSeconds:0.0} s; {_refusals.Count} refused responses " +
                         $"({string.Join(", ", _refusals.GroupBy(r => $"{r.Request} {r.Status}").Select(g => $"{g.Count()}× {g.Key}"))}); " +
                         $"GETs meanwhile: {okReads}/{allReads} OK");
        Assert.NotEqual(primary.Name, promoted.Name);
        Assert.True(_refusals.Count > 0, $"No request was refused: the kill did not interrupt anything.{context}");
        Assert.True(_refusals.All(r => r.Status == (int)HttpStatusCode.ServiceUnavailable && r.MediaType == "application/problem+json"),
            $"Every refusal must be a 503 problem:{Environment.NewLine}{string.Join(Environment.NewLine, _refusals)}{context}");
        Assert.True(outage < FailoverLimit, $"Writes were refused for {outage.TotalSeconds:0.0} s.{context}");
        Assert.Null(_node.ExitCode);

        // Nothing acknowledged is lost and no retried write was applied twice: Ann's task list is exactly those tasks.
        var list = await ann.GetFromJsonAsync<JsonElement>("/api/v1/tasks?limit=200");
        var listed = list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
        Assert.True(acknowledged.Order().SequenceEqual(listed.Order()),
            $"acknowledged {string.Join(", ", acknowledged)}{Environment.NewLine}listed {string.Join(", ", listed)}{context}");
        foreach (var id in acknowledged)
            Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync($"/api/v1/tasks/{id}")).StatusCode);
    }

    /// <summary>
    /// A client that sends one create with one Idempotency-Key until it gets a 201 (every other answer is recorded),
    /// the way a client should use the 503's advice.
    /// </summary>
    private async Task<Guid> CreateTaskAsync(HttpClient client, string title)
    {
        var key = Guid.NewGuid().ToString();
        var started = _clock.Elapsed;
        while (_clock.Elapsed - started < FailoverLimit)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = JsonContent.Create(new { title }) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await SendAsync(client, request, "POST");
            if (response is not null)
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }

            await Task.Delay(RetryDelay);
        }

        throw new TimeoutException($"'{title}' was not created within {FailoverLimit.TotalSeconds:0} s of retries.{await ContextAsync()}");
    }

    private async Task<(int Ok, int All)> ReadWhileAsync(HttpClient client, Guid taskId, CancellationToken stop)
    {
        var (ok, all) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tasks/{taskId}");
            using var response = await SendAsync(client, request, "GET");
            (ok, all) = (ok + (response?.StatusCode == HttpStatusCode.OK ? 1 : 0), all + 1);
            await Task.Delay(RetryDelay, CancellationToken.None);
        }

        return (ok, all);
    }

    /// <summary>The response when it is a success; otherwise null, with the refusal (or the transport failure) recorded.</summary>
    private async Task<HttpResponseMessage?> SendAsync(HttpClient client, HttpRequestMessage request, string name)
    {
        // Bounded per request: a request that hangs through the failover is a failure too, not a wait.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            var response = await client.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
                return response;
            using (response)
            {
                Record(new Refusal(name, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                    await response.Content.ReadAsStringAsync(CancellationToken.None), _clock.Elapsed));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Record(new Refusal(name, 0, null, ex.Message, _clock.Elapsed));
        }

        return null;
    }

    private void Record(Refusal refusal)
    {
        lock (_refusals)
            _refusals.Add(refusal);
    }

    private async Task<(PatroniMember Member, TimeSpan After)> PromotionAsync()
    {
        var member = await _patroni.WaitForPrimaryAsync(FailoverLimit, CancellationToken.None);
        return (member, _clock.Elapsed);
    }

    private async Task<string> ContextAsync() =>
        $"{Environment.NewLine}--- node output:{Environment.NewLine}{string.Join(Environment.NewLine, _node.RecentOutput)}" +
        $"{Environment.NewLine}{await _patroni.DiagnosticsAsync(CancellationToken.None)}";

    private sealed record Refusal(string Request, int Status, string? MediaType, string Body, TimeSpan At)
    {
        public override string ToString() => $"{At.TotalSeconds:0.00} s {Request} {Status} {MediaType}: {Body[..Math.Min(Body.Length, 300)]}";
    }
}
