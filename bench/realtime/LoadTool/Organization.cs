using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RealtimeLoad;

internal sealed record Member(Guid Id, string Token);

/// <summary>The benchmark organisation: an admin who creates the tasks and members who hold the streams.</summary>
internal sealed record Organization(string AdminToken, List<Member> Members)
{
    private const string Password = "benchmark password";

    public static async Task<Organization> LoadOrCreateAsync(HttpClient http, string stateDirectory, int members)
    {
        var file = Path.Combine(stateDirectory, "organization.json");
        if (File.Exists(file))
        {
            // Tokens are re-issued each run (they expire); the people stay.
            var emails = JsonSerializer.Deserialize<List<string>>(await File.ReadAllTextAsync(file))!;
            var admin = await LoginAsync(http, "bench@example.test");
            var list = new List<Member>();
            foreach (var email in emails)
                list.Add(await MemberAsync(http, email));
            return new Organization(admin, list);
        }

        (await http.PostAsJsonAsync("/api/v1/setup", new
        {
            setupToken = "bench-token", organizationName = "Bench", adminEmail = "bench@example.test",
            adminDisplayName = "Bench", adminPassword = Password,
        })).EnsureSuccessStatusCode();
        var adminToken = await LoginAsync(http, "bench@example.test");
        var created = new List<string>();
        for (var i = 1; i <= members; i++)
        {
            var email = $"member{i}@example.test";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
            {
                Content = JsonContent.Create(new { email, displayName = $"Member {i}", password = Password }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
            created.Add(email);
        }
        Directory.CreateDirectory(stateDirectory);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(created));
        var result = new List<Member>();
        foreach (var email in created)
            result.Add(await MemberAsync(http, email));
        return new Organization(adminToken, result);
    }

    private static async Task<Member> MemberAsync(HttpClient http, string email)
    {
        var token = await LoginAsync(http, email);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Member(me.GetProperty("id").GetGuid(), token);
    }

    private static async Task<string> LoginAsync(HttpClient http, string email)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
