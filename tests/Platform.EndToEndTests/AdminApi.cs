using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.EndToEndTests;

/// <summary>Ann (the admin) acting through the HTTP API, as an integration would: the set-up a journey starts from.</summary>
internal sealed class AdminApi(PlatformFixture platform)
{
    public async Task<TestUser> CreateUserAsync(string name, string suffix)
    {
        var email = $"{name.ToLowerInvariant()}.{suffix}@example.test";
        var password = $"{name.ToLowerInvariant()}-battery-staple-{suffix}";
        var created = await SendAsync<Created>(HttpMethod.Post, "api/v1/users", new { email, displayName = name, password }, HttpStatusCode.Created);
        return new TestUser(created.Id, email, name, password);
    }

    /// <summary>Sends as Ann, fails with the answer's body unless it is <paramref name="expected"/>, returns the JSON body.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var response = await SendAsync(method, path, body, expected);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.AnnAccessToken);
        var response = await platform.Api.SendAsync(request);
        await platform.ExpectStatusAsync(response, expected, CancellationToken.None);
        return response;
    }

    /// <summary>The status of a password sign-in (200, or 401 for a blocked account).</summary>
    public async Task<HttpStatusCode> LoginStatusAsync(TestUser user)
    {
        using var response = await platform.Api.PostAsJsonAsync("api/v1/auth/login", new { email = user.Email, password = user.Password });
        return response.StatusCode;
    }

    public sealed record Created(Guid Id);
}
