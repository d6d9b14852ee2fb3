using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway;

/// <summary>
/// Like ingress-nginx's <c>proxy_next_upstream</c>: when the chosen node fails before answering,
/// an idempotent request (GET, HEAD, OPTIONS, or any request with an <c>Idempotency-Key</c>, which
/// the nodes honour exactly once) is sent again to another healthy node. So is any request the node
/// never received — the connection could not even be opened (a node stopping or just killed) — as
/// nginx does for non-idempotent requests not yet sent. Anything else fails with a problem response
/// that says why it was not retried.
/// </summary>
internal sealed class RetryOnAnotherNode(IOptions<GatewayOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var idempotent = IsIdempotent(context.Request);
        var replayable = await MakeBodyReplayableAsync(context);
        var proxy = context.GetReverseProxyFeature();
        var tried = new List<DestinationState>();
        for (var attempt = 0; ; attempt++)
        {
            await next();
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is null || context.Response.HasStarted)
                return;

            if (proxy.ProxiedDestination is { } failed)
                tried.Add(failed);
            var untried = proxy.AllDestinations.Where(d => !tried.Contains(d)).ToList();
            var remaining = untried.Where(IsUsable).ToList();
            if (remaining.Count == 0)
                remaining = untried; // the same "panic" as the cluster's HealthyOrPanic policy

            var retryable = replayable && (idempotent || NeverReachedTheNode(error));
            if (!retryable || remaining.Count == 0 || attempt >= options.Value.MaxRetries)
            {
                await WriteFailureAsync(context, retryable ? null : idempotent ? Reason.BodyNotKept : Reason.NotIdempotent, tried.Count);
                return;
            }

            proxy.AvailableDestinations = remaining;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.Headers.Clear();
            context.Request.Body.Position = 0;
        }
    }

    public static bool IsIdempotent(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
        || request.Headers.ContainsKey("Idempotency-Key");

    /// <summary>The connection to the node could not be established: nothing of the request was sent.</summary>
    private static bool NeverReachedTheNode(IForwarderErrorFeature error)
    {
        if (error.Error != ForwarderError.Request)
            return false;
        for (var exception = error.Exception; exception is not null; exception = exception.InnerException)
        {
            if (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
                return true;
        }
        return false;
    }

    internal static bool IsUsable(DestinationState destination) =>
        destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy;

    /// <summary>
    /// Buffers a small body so it can be sent again (any method: even a POST is re-sent when it never reached its
    /// node); a large one makes the request non-retryable.
    /// </summary>
    private async Task<bool> MakeBodyReplayableAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!hasBody)
        {
            request.EnableBuffering();
            return true;
        }
        var limit = options.Value.MaxReplayableBodyBytes;
        // A body of unknown length (chunked: streamed uploads) is never buffered: draining it to find out would eat
        // the start of a large body that then could not be forwarded whole.
        if (request.ContentLength is null || request.ContentLength > limit)
            return false;
        request.EnableBuffering(bufferThreshold: limit, bufferLimit: limit);
        try
        {
            await request.Body.DrainAsync(context.RequestAborted);
        }
        catch (IOException)
        {
            return false;
        }
        request.Body.Position = 0;
        return true;
    }

    private enum Reason { NotIdempotent, BodyNotKept }

    /// <param name="notRetried">why the request was not sent to another node; null when it was, or could have been.</param>
    private async Task WriteFailureAsync(HttpContext context, Reason? notRetried, int nodesTried)
    {
        var noNode = nodesTried == 0;
        context.Response.Clear();
        context.Response.StatusCode = noNode ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway;
        var detail = (noNode, notRetried) switch
        {
            (true, _) => "No healthy node can serve this request right now. Try again shortly.",
            (false, null) => $"The request failed on {nodesTried} node(s) and no other healthy node was left to try.",
            (false, Reason.BodyNotKept) => "The node handling the request failed before answering. The request was not retried because its body " +
                                           $"is larger than the {options.Value.MaxReplayableBodyBytes} bytes the gateway keeps for a retry (or of unknown length).",
            _ => "The node handling the request failed before answering. The request was not retried because it is not idempotent; " +
                 "send an Idempotency-Key header to let the gateway retry it safely.",
        };
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = noNode ? "Service unavailable" : "Bad gateway", Detail = detail },
        });
    }
}
