using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

public sealed class IdempotencyKeyTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static HttpRequestMessage Post(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<int> CountTasksAsync(TestUser user) =>
        (await user.Client.GetFromJsonAsync<TaskListDto>("/api/v1/tasks?limit=200"))!.Items.Count;

    [Fact]
    public async Task A_repeated_create_with_the_same_key_replays_the_first_result_and_creates_nothing_new()
    {
        var org = await app.CreateOrganizationAsync();
        var key = Guid.NewGuid().ToString();
        var first = await Http.ReadAsync<TaskDto>(await org.Admin.Client.SendAsync(Post("/api/v1/tasks", new { title = "Once" }, key)), HttpStatusCode.Created);

        var again = await org.Admin.Client.SendAsync(Post("/api/v1/tasks", new { title = "Once" }, key));
        var replayed = await Http.ReadAsync<TaskDto>(again, HttpStatusCode.Created);
        Assert.Equal(first.Id, replayed.Id);
        Assert.Equal("true", again.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal($"/api/v1/tasks/{first.Id}", again.Headers.Location?.OriginalString);
        Assert.Equal(1, await CountTasksAsync(org.Admin));
    }

    [Fact]
    public async Task Concurrent_duplicates_take_effect_exactly_once()
    {
        var org = await app.CreateOrganizationAsync();
        var task = await Http.ReadAsync<TaskDto>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Target" }), HttpStatusCode.Created);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            org.Admin.Client.SendAsync(Post($"/api/v1/tasks/{task.Id}/comments", new { text = "exactly once" }, key))));

        var comments = new List<CommentDto>();
        foreach (var response in responses)
            comments.Add(await Http.ReadAsync<CommentDto>(response, HttpStatusCode.Created));
        Assert.Single(comments.Select(c => c.Id).Distinct());
        var stored = await org.Admin.Client.GetFromJsonAsync<TaskDto>($"/api/v1/tasks/{task.Id}");
        Assert.Single(stored!.Comments, c => c.Kind == "comment");
    }

    [Fact]
    public async Task A_failed_request_does_not_burn_the_key_and_a_key_cannot_be_reused_for_another_request()
    {
        var org = await app.CreateOrganizationAsync();
        var key = Guid.NewGuid().ToString();
        await Http.ProblemAsync(await org.Admin.Client.SendAsync(Post("/api/v1/tasks", new { title = "" }, key)), HttpStatusCode.BadRequest);
        var created = await Http.ReadAsync<TaskDto>(await org.Admin.Client.SendAsync(Post("/api/v1/tasks", new { title = "Fixed" }, key)), HttpStatusCode.Created);

        var misuse = await org.Admin.Client.SendAsync(Post($"/api/v1/tasks/{created.Id}/comments", new { text = "x" }, key));
        await Http.ProblemAsync(misuse, HttpStatusCode.Conflict);

        // Keys are per user: another user's identical key is independent.
        var other = await org.AddMemberAsync();
        await Http.EnsureStatusAsync(await other.Client.SendAsync(Post("/api/v1/tasks", new { title = "Mine" }, key)), HttpStatusCode.Created);
    }
}
