using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Cluster;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Realtime.Data;

namespace Platform.Modules.Realtime.Stream;

/// <summary>
/// <c>GET /api/v1/events</c>: the caller's events as Server-Sent Events. A client that comes
/// back with <c>Last-Event-ID</c> first gets what it missed (from the database, so it does not
/// matter which node it reconnects to), then the live stream.
/// </summary>
internal static class EventStreamEndpoint
{
    private const int ReplayLimit = 5000;

    public static void Map(IEndpointRouteBuilder api) =>
        // In the OpenAPI document like every endpoint, so clients find it and the malformed-input walk covers it.
        api.MapGet("/events", StreamAsync).RequireAuthorization(PlatformPolicies.Member)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static async Task StreamAsync(
        HttpContext http, CurrentUser me, RealtimeDispatcher dispatcher, RealtimeEventStore store, RealtimeOptions options, NodeLoad load, StreamShutdown shutdown)
    {
        // The stream ends when the client goes or when the node stops (after its drain): a clean stop must not
        // wait on it (see StreamShutdown). The client reconnects elsewhere and replays from Last-Event-ID.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, shutdown.Ending);
        try
        {
            await StreamUntilEndedAsync(http, me, dispatcher, store, options, load, ending.Token);
        }
        catch (OperationCanceledException) when (shutdown.Ending.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            // A normal end of the response: the client sees the stream close and reconnects.
        }
    }

    private static async Task StreamUntilEndedAsync(
        HttpContext http, CurrentUser me, RealtimeDispatcher dispatcher, RealtimeEventStore store, RealtimeOptions options, NodeLoad load, CancellationToken ct)
    {
        using var streamCount = load.TrackStream();
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";

        // Subscribe before reading the backlog, so nothing falls between the two; duplicates
        // are skipped by id below.
        using var subscription = dispatcher.Subscribe(me.UserId);
        var writer = new SseWriter(http.Response);
        await writer.RetryAsync(3000, ct);

        var lastSent = ParseLastEventId(http.Request);
        if (lastSent is { } resumeFrom)
        {
            if (resumeFrom + 1 < await store.FirstRetainedIdAsync(ct))
            {
                // Older than the replay window: the client must reload rather than trust the stream.
                await writer.EventAsync(null, "reset", "{}", ct);
            }
            else
            {
                foreach (var missed in await store.ReadForUserAsync(me.OrganizationId, me.UserId, resumeFrom, ReplayLimit, ct))
                {
                    await writer.EventAsync(missed.Id, missed.Type, missed.Payload, ct);
                    lastSent = missed.Id;
                }
            }
        }

        using var heartbeat = new PeriodicTimer(options.HeartbeatInterval);
        var nextHeartbeat = heartbeat.WaitForNextTickAsync(ct).AsTask();
        while (!ct.IsCancellationRequested)
        {
            var nextEvent = subscription.Reader.WaitToReadAsync(ct).AsTask();
            var woke = await Task.WhenAny(nextEvent, nextHeartbeat);
            if (woke == nextHeartbeat)
            {
                await writer.CommentAsync("ping", ct);
                nextHeartbeat = heartbeat.WaitForNextTickAsync(ct).AsTask();
                continue;
            }
            if (!await nextEvent)
                return; // this client fell behind: end the stream, it reconnects and replays
            while (subscription.Reader.TryRead(out var live))
            {
                if (live.Id <= (lastSent ?? 0))
                    continue;
                await writer.EventAsync(live.Id, live.Type, live.Payload, ct);
                lastSent = live.Id;
            }
        }
    }

    private static long? ParseLastEventId(HttpRequest request)
    {
        var value = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrEmpty(value))
            value = request.Query["lastEventId"].ToString();
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
