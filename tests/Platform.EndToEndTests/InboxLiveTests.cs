using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>The inbox is the home page; work that lands on me shows up there while I look at it.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class InboxLiveTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_task_assigned_to_me_appears_in_my_open_inbox_without_reload_and_done_for_now_clears_it()
    {
        await using var browser = new BrowserSession(platform, nameof(A_task_assigned_to_me_appears_in_my_open_inbox_without_reload_and_done_for_now_clears_it));
        await browser.RunAsync(async () =>
        {
            var title = $"Sign the supplier contract {Guid.NewGuid():N}"[..40];
            var bob = await browser.OpenPageAsync("bob");
            var stream = bob.WaitForResponseAsync(r => r.Url.EndsWith("/api/v1/events", StringComparison.Ordinal) && r.Status == 200,
                new PageWaitForResponseOptions { Timeout = 30_000 });
            await BrowserSession.LogInAsync(bob, platform.Bob);
            await Expect(bob.GetByTestId("inbox-list")).ToBeVisibleAsync();
            await stream;
            await bob.EvaluateAsync("() => { window.__marker = 1; }");

            // Ann (through the API, as an integration would) gives Bob a task.
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/tasks") { Content = JsonContent.Create(new { title, assigneeId = platform.Bob.Id }) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", platform.AnnAccessToken);
            using var created = await platform.Api.SendAsync(request);
            await platform.ExpectStatusAsync(created, HttpStatusCode.Created, CancellationToken.None);

            var item = bob.GetByTestId("inbox-item").Filter(new LocatorFilterOptions { HasText = title });
            await Expect(item).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
            Assert.Equal(1, await bob.EvaluateAsync<int?>("() => window.__marker ?? null"));

            await item.GetByTestId("inbox-done").ClickAsync();
            await Expect(item).ToHaveCountAsync(0);
        });
    }
}
