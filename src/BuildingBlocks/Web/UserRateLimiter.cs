using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Web;

/// <summary>Settings under <c>Platform:RateLimit</c>. Pyrus allows 5,000 requests per 10 minutes.</summary>
public sealed class RateLimitOptions
{
    public int PermitLimit { get; set; } = 5000;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// A fixed-window limit per caller on <c>/api</c> paths: per user when signed in, per client IP
/// otherwise. Every API response carries <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and
/// <c>RateLimit-Reset</c> (IETF draft "RateLimit header fields"); a refused request gets 429 with
/// <c>Retry-After</c> and a problem body. Counted per node: behind the gateway with N web nodes a
/// caller can reach up to N × the limit (documented; a shared counter would cost a database round
/// trip per request).
/// </summary>
public sealed class UserRateLimiter(IOptionsMonitor<RateLimitOptions> options, TimeProvider time, IProblemDetailsService problems) : IMiddleware
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweep;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        Sweep(now);
        var key = context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? "u:" + userId
            : "ip:" + context.Connection.RemoteIpAddress;
        var window = _windows.AddOrUpdate(key,
            _ => new Window(now + settings.Window, 1),
            (_, current) => current.ResetAt <= now ? new Window(now + settings.Window, 1) : current with { Count = current.Count + 1 });

        var remaining = Math.Max(0, settings.PermitLimit - window.Count);
        var reset = Math.Max(0, (int)Math.Ceiling((window.ResetAt - now).TotalSeconds));
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = settings.PermitLimit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);

        if (window.Count > settings.PermitLimit)
        {
            headers.RetryAfter = reset.ToString(CultureInfo.InvariantCulture);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"At most {settings.PermitLimit} requests per {settings.Window.TotalMinutes:0.#} minutes. Try again in {reset} s.",
                },
            });
            return;
        }
        await next(context);
    }

    /// <summary>Forgets expired windows now and then, so idle callers do not accumulate.</summary>
    private void Sweep(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        var next = Interlocked.Read(ref _nextSweep);
        if (ticks < next || Interlocked.CompareExchange(ref _nextSweep, ticks + TimeSpan.TicksPerMinute, next) != next)
            return;
        foreach (var (key, window) in _windows)
        {
            if (window.ResetAt <= now)
                _windows.TryRemove(KeyValuePair.Create(key, window));
        }
    }

    private sealed record Window(DateTimeOffset ResetAt, int Count);
}
