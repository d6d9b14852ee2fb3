using System.Net.Http.Json;

namespace Platform.AppHost.Hosting;

/// <summary>Tells the operator how to get in: the setup token on a first run, the organisation's admin afterwards.</summary>
internal static class LoginHint
{
    private sealed record SetupStatus(bool SetupRequired);

    /// <param name="baseUrl">Where people open the product.</param>
    /// <param name="probeUrl">Where to ask whether setup is still required (a web node; usually <paramref name="baseUrl"/>).</param>
    public static async Task<string> DescribeAsync(Uri baseUrl, Uri probeUrl, string setupToken, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = probeUrl, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var status = await client.GetFromJsonAsync<SetupStatus>("api/v1/setup", ct);
            return status is { SetupRequired: true }
                ? $"first run: open {baseUrl} and enter setup token {setupToken}"
                : "log in with your organisation's admin";
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException
                                   && !ct.IsCancellationRequested)
        {
            return $"could not read GET /api/v1/setup ({ex.Message}); if this is a first run, the setup token is {setupToken}";
        }
    }
}
