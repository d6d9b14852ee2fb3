using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MassTransit.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Observability;

/// <summary>
/// A request that writes an integration event and the bus consumer that handles it are one trace,
/// although the outbox relay publishes later from a background loop: the outbox row keeps the
/// request's trace context and the message carries it. Seen through the host's own OpenTelemetry
/// pipeline (a span processor added to it), as an OTLP exporter would see it.
/// </summary>
public sealed class TraceContextTests(TraceContextTests.TracedApp app) : IClassFixture<TraceContextTests.TracedApp>
{
    public sealed class TracedApp : PlatformApp
    {
        public SpanCollector Spans { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(Spans)));
        }
    }

    /// <summary>Every span the host's tracer provider ends (other hosts in this process included: filter by trace id).</summary>
    public sealed class SpanCollector : BaseProcessor<Activity>
    {
        private readonly ConcurrentQueue<Activity> _ended = new();

        public override void OnEnd(Activity data) => _ended.Enqueue(data);

        public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => _ended.Where(a => a.TraceId == traceId).ToList();
    }

    [Fact]
    public async Task Creating_a_task_and_the_Realtime_consumer_that_handles_its_event_are_one_trace()
    {
        var org = await app.CreateOrganizationAsync();
        // The caller starts the trace, as a browser instrumented with OpenTelemetry or an upstream proxy would.
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = JsonContent.Create(new { title = "Traced" }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var task = await Http.ReadAsync<TaskDto>(await org.Admin.Client.SendAsync(request), HttpStatusCode.Created);

        // The consume span ends before the receive span that contains it: wait for the whole chain.
        IReadOnlyList<Activity> spans = [];
        Activity? consumer = null, server = null, publish = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            spans = app.Spans.InTrace(traceId);
            server = spans.FirstOrDefault(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
            publish = spans.FirstOrDefault(s => s.Source.Name == "Platform" && s.OperationName == "outbox publish");
            consumer = spans.FirstOrDefault(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer &&
                                                 (s.GetTagItem(DiagnosticHeaders.ConsumerType) as string)?.Contains("TaskEventsConsumer", StringComparison.Ordinal) == true);
            if (server is not null && publish is not null && consumer is not null && Ancestors(consumer, spans).Contains(server.SpanId))
                break;
            await Task.Delay(100);
        }

        var seen = string.Join("\n", spans.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName} {s.SpanId} <- {s.ParentSpanId}"));
        Assert.True(server is not null, $"no server span in the trace:\n{seen}");
        Assert.True(consumer is not null, $"the Realtime consumer's span is not in the request's trace:\n{seen}");
        Assert.True(publish is not null, $"no outbox publish span in the trace:\n{seen}");
        // request → (outbox row) → relay's publish → MassTransit send → receive → the consumer.
        Assert.Equal(server.SpanId, publish.ParentSpanId);
        var ancestors = Ancestors(consumer, spans);
        Assert.Contains(publish.SpanId, ancestors);
        Assert.Contains(server.SpanId, ancestors);

        // The row kept the context the request had when it queued the event.
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT trace_parent FROM tasks.outbox_messages WHERE payload->>'taskId' = @id", connection);
        command.Parameters.AddWithValue("id", task.Id.ToString());
        Assert.Equal($"00-{traceId}-{server.SpanId}-01", await command.ExecuteScalarAsync() as string);
    }

    /// <summary>The span ids above <paramref name="span"/>, following parents among the ended spans.</summary>
    private static List<ActivitySpanId> Ancestors(Activity span, IReadOnlyList<Activity> spans)
    {
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var result = new List<ActivitySpanId>();
        var parent = span.ParentSpanId;
        while (parent != default && result.Count < 50)
        {
            result.Add(parent);
            if (!byId.TryGetValue(parent, out var next))
                break;
            parent = next.ParentSpanId;
        }
        return result;
    }
}
