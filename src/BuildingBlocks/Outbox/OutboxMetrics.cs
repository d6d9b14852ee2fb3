using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.BuildingBlocks.Diagnostics;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// How far behind the relays are: the time from the event (its transaction) to its publication.
/// A growing lag means the bus or the relay is struggling before any user notices missing pushes.
/// </summary>
internal static class OutboxMetrics
{
    private static readonly Histogram<double> Lag = PlatformDiagnostics.Meter.CreateHistogram<double>(
        "platform.outbox.lag", unit: "s", description: "Time from an integration event being stored to its publication on the bus.");

    public static void Published(string schema, TimeSpan lag) =>
        Lag.Record(Math.Max(0, lag.TotalSeconds), new TagList { { "platform.outbox.schema", schema } });
}
