using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RealtimeLoad;

// realtime-load URL STATE_DIR STREAMS EVENTS RATE_PER_SECOND LABEL [WRITE_URL]
// Signs in (first run: sets up an organisation with 20 members, tokens kept in STATE_DIR), opens STREAMS SSE streams
// spread over the members, creates EVENTS tasks as the admin at RATE per second, each assigned to the next member,
// and records when every stream of that member receives its task.created. Prints one result line. With WRITE_URL the
// tasks are created on that node (so each event crosses from the writing node to the streams' node).
if (args.Length is not (6 or 7))
{
    Console.Error.WriteLine("usage: realtime-load URL STATE_DIR STREAMS EVENTS RATE_PER_SECOND LABEL [WRITE_URL]");
    return 2;
}

var baseUrl = new Uri(args[0]);
var streams = int.Parse(args[2], CultureInfo.InvariantCulture);
var events = int.Parse(args[3], CultureInfo.InvariantCulture);
var rate = double.Parse(args[4], CultureInfo.InvariantCulture);
var label = args[5];

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
using var writer = new HttpClient { BaseAddress = args.Length == 7 ? new Uri(args[6]) : baseUrl };
var people = await Organization.LoadOrCreateAsync(http, args[1], members: 20);

using var stop = new CancellationTokenSource();
var receipts = new Receipts();
var clock = Stopwatch.StartNew();
var open = new List<Task>();
var connected = new CountdownEvent(streams);
using (var gate = new SemaphoreSlim(200))
{
    for (var i = 0; i < streams; i++)
    {
        var member = people.Members[i % people.Members.Count];
        await gate.WaitAsync();
        open.Add(EventStream.ReadAsync(http, member, receipts, () => { connected.Signal(); gate.Release(); }, stop.Token));
    }
    if (!connected.Wait(TimeSpan.FromMinutes(3)))
        throw new TimeoutException($"only {streams - connected.CurrentCount} of {streams} streams opened");
}
var openSeconds = clock.Elapsed.TotalSeconds;

// Warm-up (not measured): the first requests of a fresh node pay for JIT and connection pools.
for (var n = 0; n < 5; n++)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks")
    {
        Content = JsonContent.Create(new { title = $"{label} warm-up {n}", assigneeId = people.Members[n % people.Members.Count].Id }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", people.AdminToken);
    using var response = await writer.SendAsync(request);
    response.EnsureSuccessStatusCode();
}
await Task.Delay(TimeSpan.FromSeconds(2));

// Expected deliveries per task: every stream of its assignee.
var streamsPerMember = people.Members.Select((_, m) => Enumerable.Range(0, streams).Count(i => i % people.Members.Count == m)).ToArray();
var expected = 0;
var postLatencies = new List<double>();
var interval = TimeSpan.FromSeconds(1 / rate);
var next = Stopwatch.GetTimestamp();
for (var n = 0; n < events; n++)
{
    var m = n % people.Members.Count;
    var member = people.Members[m];
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks")
    {
        Content = JsonContent.Create(new { title = $"{label} {n}", assigneeId = member.Id }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", people.AdminToken);
    var sent = Stopwatch.GetTimestamp();
    using var response = await writer.SendAsync(request);
    response.EnsureSuccessStatusCode();
    postLatencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
    receipts.Created(body.GetProperty("id").GetGuid(), body.GetProperty("createdAt").GetDateTimeOffset());
    expected += streamsPerMember[m];
    next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
    if (wait > TimeSpan.Zero)
        await Task.Delay(wait);
}

// Bounded: whatever has not arrived 30 s after the last task counts as missing.
var deadline = DateTime.UtcNow.AddSeconds(30);
while (receipts.Count < expected && DateTime.UtcNow < deadline)
    await Task.Delay(100);
await stop.CancelAsync();
await Task.WhenAll(open.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

var latencies = receipts.Latencies();
postLatencies.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{label,-8} streams {streams,6}  tasks {events}  deliveries {latencies.Count}/{expected}  created->received p50 {Percentile(latencies, 0.50):0.0} ms  p99 {Percentile(latencies, 0.99):0.0} ms  max {latencies.LastOrDefault():0.0} ms  (POST p50 {Percentile(postLatencies, 0.50):0.0} ms; streams opened in {openSeconds:0.0} s)"));
return latencies.Count == expected ? 0 : 1;

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
