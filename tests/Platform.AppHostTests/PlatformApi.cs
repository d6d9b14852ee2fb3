using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.AppHostTests;

/// <summary>The few API calls the tests make, through the URL the AppHost printed; failures carry the AppHost's output.</summary>
public sealed class PlatformApi(Uri baseUrl, AppHostRun run) : IDisposable
{
    public const string AdminEmail = "ann@apphost.test";
    public const string AdminPassword = "correct horse battery staple";

    private readonly HttpClient _client = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<bool> IsSetupRequiredAsync() =>
        (await GetJsonAsync("/api/v1/setup")).GetProperty("setupRequired").GetBoolean();

    public async Task<HttpStatusCode> SetUpAsync(string setupToken)
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/setup", new
        {
            setupToken, organizationName = "AppHost Org", adminEmail = AdminEmail, adminDisplayName = "Ann", adminPassword = AdminPassword,
        });
        return response.StatusCode;
    }

    /// <summary>Logs the admin in; later calls carry the bearer token.</summary>
    public async Task LogInAsync()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = AdminPassword });
        var body = await EnsureOkAsync(response, "POST /api/v1/auth/login");
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        return await EnsureOkAsync(response, $"GET {path}");
    }

    public async Task<HttpStatusCode> GetStatusAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    public void Dispose() => _client.Dispose();

    private async Task<JsonElement> EnsureOkAsync(HttpResponseMessage response, string request)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode,
            $"{request} on {_client.BaseAddress} answered {(int)response.StatusCode}: {body}{run.Tail()}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
