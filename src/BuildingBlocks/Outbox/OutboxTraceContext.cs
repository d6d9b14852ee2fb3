using System.Diagnostics;
using MassTransit;
using MassTransit.Logging;
using Platform.BuildingBlocks.Diagnostics;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// Carries the W3C trace context of the request that wrote an outbox row to the bus consumer that
/// handles it, so both appear in one trace although the relay publishes later, from a background
/// loop, possibly on another node. The row stores <c>traceparent</c>/<c>tracestate</c> as they were
/// when the event was queued; the relay starts its publish span as a child of that context, and
/// the message carries it in headers.
/// </summary>
internal static class OutboxTraceContext
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    /// <summary>The current span's context, or nulls when nothing is traced (or not in W3C format).</summary>
    public static (string? TraceParent, string? TraceState) Capture()
    {
        var current = Activity.Current;
        return current is { IdFormat: ActivityIdFormat.W3C } ? (current.Id, current.TraceStateString) : (null, null);
    }

    /// <summary>
    /// The relay's span for one row: a child of the stored context, or a new root when the row has
    /// none (written outside a traced request, or before the column existed). Null when nobody listens.
    /// </summary>
    public static Activity? StartPublish(string schema, Guid id, string typeName, string? traceParent, string? traceState)
    {
        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);
        var activity = PlatformDiagnostics.Source.StartActivity("outbox publish", ActivityKind.Internal, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.message.id", id.ToString("D"));
            activity.SetTag("platform.outbox.schema", schema);
            activity.SetTag("platform.outbox.event_type", typeName);
        }
        return activity;
    }

    /// <summary>
    /// Puts the trace context on the message. MassTransit's own send span, when something listens to
    /// it, replaces <c>MT-Activity-Id</c> with its id (a child of ours); setting it here as well keeps
    /// the consumer in the trace when MassTransit is not traced on this node but is on the consumer's.
    /// The standard <c>traceparent</c>/<c>tracestate</c> headers are for anything else that reads the broker.
    /// </summary>
    public static void Write(SendHeaders headers, Activity? publish, string? traceParent, string? traceState)
    {
        var parent = publish?.Id ?? traceParent;
        var state = publish?.TraceStateString ?? traceState;
        if (parent is null)
            return;
        headers.Set(TraceParentHeader, parent);
        if (!string.IsNullOrEmpty(state))
            headers.Set(TraceStateHeader, state);
        if (!headers.TryGetHeader(DiagnosticHeaders.ActivityId, out _))
            headers.Set(DiagnosticHeaders.ActivityId, parent);
    }
}
