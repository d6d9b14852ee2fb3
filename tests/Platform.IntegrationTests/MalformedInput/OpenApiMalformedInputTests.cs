using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.MalformedInput;

/// <summary>
/// Walks the served OpenAPI document and sends malformed input to every operation as an
/// administrator, a member and anonymously (issue #9). No endpoint is skipped: a new endpoint is in
/// the document, so it is walked; if it reads input in a way that can throw, this test names it.
/// </summary>
public sealed class OpenApiMalformedInputTests(OpenApiMalformedInputTests.WalkApp app, ITestOutputHelper output) : IClassFixture<OpenApiMalformedInputTests.WalkApp>
{
    /// <summary>Modest, so a busy 2-core CI machine keeps up; the walk is bounded by requests, not time.</summary>
    private const int Concurrency = 6;

    private static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(60);

    public sealed class WalkApp : PlatformApp
    {
        // Thousands of requests per caller: far more than the per-user budget real clients get.
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["Platform:RateLimit:PermitLimit"] = "1000000",
        };
    }

    private sealed record Caller(string Role, HttpClient Client);

    [Fact]
    public async Task Every_operation_answers_malformed_input_with_a_4xx_problem_and_never_a_5xx()
    {
        var org = await app.CreateOrganizationAsync();
        var objects = await WalkObjects.CreateAsync(org);
        var anonymous = app.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var api = new ApiDescription(document);
        var operations = api.Operations();
        // Guards against walking an empty or truncated document and passing vacuously.
        Assert.True(operations.Count >= 60, $"the document lists only {operations.Count} operations");
        Assert.Contains(operations, o => o.AcceptsMultipart); // the upload declares its body, so junk multipart is walked
        var requests = new MalformedRequests(api, objects.PathValue, objects.Member.Id);

        var failures = new ConcurrentQueue<string>();
        foreach (var op in operations)
            foreach (var name in requests.Unresolved(op))
                failures.Enqueue($"{op}: no real value for {{{name}}} (add the resource to WalkObjects)");

        // Mutations run last and deepest first, so a successful DELETE does not take away the objects
        // other variants' paths point at; the member goes before the administrator, who may block them.
        var ordered = operations.Where(o => o.Method != "DELETE")
            .Concat(operations.Where(o => o.Method == "DELETE").OrderByDescending(o => o.Path.Count(c => c == '/')));
        var callers = new[] { new Caller("member", objects.Member.Client), new Caller("anonymous", anonymous), new Caller("admin", objects.Admin.Client) };
        var bodyParsed = new ConcurrentDictionary<string, bool>();
        var stopwatch = Stopwatch.StartNew();
        var sent = 0;
        foreach (var caller in callers)
        {
            foreach (var phase in new[] { ordered.Where(o => o.Method != "DELETE"), ordered.Where(o => o.Method == "DELETE") })
            {
                var batch = phase.SelectMany(requests.For).ToList();
                Interlocked.Add(ref sent, batch.Count);
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (request, _) =>
                {
                    var (status, problem) = await SendAsync(caller, request, failures);
                    if (caller.Role == "admin" && request.Class is "body" or "property" or "multipart" && status == 400 && problem)
                        bodyParsed[request.Operation.ToString()] = true;
                });
            }
        }
        output.WriteLine($"{operations.Count} operations, {sent} requests in {stopwatch.Elapsed.TotalSeconds:0.0} s");

        // The real ids must carry every operation that reads a body as far as reading it.
        foreach (var op in operations.Where(o => o.BodySchema is not null || o.AcceptsMultipart))
            if (!bodyParsed.ContainsKey(op.ToString()))
                failures.Enqueue($"{op}: no malformed body got a 400 as admin (was the body ever read?)");

        Assert.True(failures.IsEmpty, $"{failures.Count} malformed requests were mishandled:\n" + string.Join('\n', failures.Order(StringComparer.Ordinal).Take(300)));
    }

    private static async Task<(int Status, bool Problem)> SendAsync(Caller caller, MalformedRequest request, ConcurrentQueue<string> failures)
    {
        var where = $"{request.Operation} [{request.Class}: {request.Variant}] as {caller.Role}";
        using var deadline = new CancellationTokenSource(AnswerDeadline);
        try
        {
            using var message = request.ToMessage();
            // Headers only: a 2xx may be a stream that never ends (SSE); only errors are read.
            using var response = await caller.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status >= 500)
                failures.Enqueue($"{where} → {status}: {Excerpt(await response.Content.ReadAsStringAsync(deadline.Token))}");
            else if (status >= 400 && mediaType != "application/problem+json")
                failures.Enqueue($"{where} → {status} with Content-Type {mediaType ?? "(none)"}");
            return (status, mediaType == "application/problem+json");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            failures.Enqueue($"{where} → no answer within {AnswerDeadline.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            // The in-process server rethrows what escaped the pipeline after the response started.
            failures.Enqueue($"{where} → {ex.GetType().Name}: {Excerpt(ex.Message)}");
        }
        return (0, false);
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
