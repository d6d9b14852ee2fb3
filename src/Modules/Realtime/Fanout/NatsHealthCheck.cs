using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Modules.Realtime.Fanout;

/// <summary>
/// NATS on <c>/health/ready</c> as Degraded (HTTP 200), never Unhealthy: a node without NATS still serves and its
/// streams still get every event, by the poll, so taking it out of the gateway's rotation would only hurt.
/// </summary>
internal sealed class NatsHealthCheck(NatsFanout fanout) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(fanout.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("NATS is not connected: real-time pushes from other nodes arrive by the poll until it is back."));
}
