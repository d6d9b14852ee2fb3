using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>
/// One console line per resource state change ("[apphost] postgres: Running, healthy"), from Aspire's resource
/// notifications. A cluster takes a minute or more to come up on a busy machine; without these lines the console says
/// nothing between "Distributed application started" and the URL, and a start that hangs would not say where.
/// </summary>
internal sealed class ResourceProgress(ResourceNotificationService notifications) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                var state = Describe(change.Snapshot);
                // Connection strings and parameters have no process: nothing to report.
                if (state is null || change.Resource is ConnectionStringResource or ParameterResource
                    || (last.TryGetValue(change.Resource.Name, out var previous) && previous == state))
                {
                    continue;
                }

                last[change.Resource.Name] = state;
                Console.WriteLine($"[apphost] {change.Resource.Name}: {state}");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static string? Describe(CustomResourceSnapshot snapshot)
    {
        if (snapshot.State?.Text is not { Length: > 0 } state)
        {
            return null;
        }

        var health = snapshot.HealthStatus is { } status && state == KnownResourceStates.Running
            ? $", {status.ToString().ToLowerInvariant()}"
            : string.Empty;
        var exit = snapshot.ExitCode is { } code ? $" (exit {code})" : string.Empty;
        return state + health + exit;
    }
}
