using System.Diagnostics;
using System.Net;

namespace Platform.LocalResources;

/// <summary>Polls an HTTP endpoint until it answers 200 OK.</summary>
public static class HttpProbe
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>True when <paramref name="url"/> answers 200 right now.</summary>
    public static async Task<bool> IsOkAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await Client.GetAsync(url, ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <param name="failure">Returns a reason to stop waiting (e.g. the process died), or null to keep polling.</param>
    public static async Task WaitForOkAsync(Uri url, TimeSpan timeout, Func<string?> failure, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (await IsOkAsync(url, ct))
            {
                return;
            }

            if (failure() is { } reason)
            {
                throw new InvalidOperationException($"{url} never answered 200: {reason}");
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException($"{url} did not answer 200 within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(200, ct);
        }
    }
}
