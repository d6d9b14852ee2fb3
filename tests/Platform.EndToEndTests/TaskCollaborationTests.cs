using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>Two people working on one task, each in their own browser, against the real host and database.</summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class TaskCollaborationTests(PlatformFixture platform)
{
    private const float LiveUpdateTimeoutMs = 10_000;

    [Fact]
    public async Task A_comment_by_another_user_appears_on_the_open_task_page_without_reload()
    {
        await using var browser = new BrowserSession(platform, nameof(A_comment_by_another_user_appears_on_the_open_task_page_without_reload));
        await browser.RunAsync(async () =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var title = $"Renew the TLS certificate {suffix}";
            var commentText = $"Done on the staging proxy too ({suffix}).";

            // Ann signs in and keeps her event stream open from then on.
            var ann = await browser.OpenPageAsync("ann");
            var annEventStream = ann.WaitForResponseAsync(
                r => r.Url.EndsWith("/api/v1/events", StringComparison.Ordinal) && r.Status == 200,
                new PageWaitForResponseOptions { Timeout = 30_000 });
            await BrowserSession.LogInAsync(ann, platform.Ann);

            // She creates a task for Bob in the UI...
            await ann.GetByTestId("new-task-title").FillAsync(title);
            await ann.GetByTestId("new-task-description").FillAsync("The current one expires at the end of the month.");
            var assignee = ann.GetByTestId("new-task-assignee");
            await Expect(assignee.Locator($"option[value='{platform.Bob.Id}']")).ToHaveTextAsync(platform.Bob.DisplayName);
            await assignee.SelectOptionAsync(new SelectOptionValue { Value = platform.Bob.Id.ToString() });
            await ann.GetByTestId("new-task-submit").ClickAsync();
            await Expect(ann.GetByRole(AriaRole.Status)).ToContainTextAsync($"Created “{title}”");

            // ...and opens it from her task list.
            await ann.GetByTestId("task-list-item").Filter(new LocatorFilterOptions { HasText = title }).ClickAsync();
            await Expect(ann.GetByTestId("task-title")).ToHaveTextAsync(title);
            await Expect(ann).ToHaveURLAsync(TaskUrl());
            // Fully loaded: the history holds "created" and "assigned", and no comment yet.
            await Expect(ann.GetByTestId("comment-item")).ToHaveCountAsync(2);
            var annTaskUrl = ann.Url;
            await annEventStream;

            // From here on Ann's page must be neither reloaded nor navigated: mark the document and count navigations.
            await ann.EvaluateAsync("() => { window.__marker = 1; }");
            var annNavigations = 0;
            ann.FrameNavigated += (_, frame) =>
            {
                if (frame == ann.MainFrame)
                    Interlocked.Increment(ref annNavigations);
            };

            // Bob, in his own browser, finds the task in his list because he is the assignee, and comments.
            var bob = await browser.OpenPageAsync("bob");
            await BrowserSession.LogInAsync(bob, platform.Bob);
            await bob.GetByTestId("task-list-item").Filter(new LocatorFilterOptions { HasText = title }).ClickAsync();
            await Expect(bob.GetByTestId("task-title")).ToHaveTextAsync(title);
            Assert.Equal(annTaskUrl, bob.Url);
            await bob.GetByTestId("comment-text").FillAsync(commentText);
            await bob.GetByTestId("comment-submit").ClickAsync();
            await Expect(bob.GetByTestId("comment-item").Filter(new LocatorFilterOptions { HasText = commentText })).ToBeVisibleAsync();

            // Ann's already open page shows Bob's comment by itself.
            var annSeesComment = ann.GetByTestId("comment-item").Filter(new LocatorFilterOptions { HasText = commentText });
            await Expect(annSeesComment).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = LiveUpdateTimeoutMs });
            await Expect(annSeesComment).ToContainTextAsync("Bob commented");
            await Expect(annSeesComment).ToHaveCountAsync(1);

            Assert.Equal(annTaskUrl, ann.Url);
            Assert.Equal(1, await ann.EvaluateAsync<int?>("() => window.__marker ?? null"));
            Assert.Equal(0, Volatile.Read(ref annNavigations));
        });
    }

    [GeneratedRegex(@"#/tasks/[0-9a-fA-F-]{36}$")]
    private static partial Regex TaskUrl();
}
