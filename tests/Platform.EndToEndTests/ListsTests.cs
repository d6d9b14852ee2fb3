using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>Lists (projects) in the browser: nesting, members who see a list's tasks, following a task, and the API's refusals.</summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class ListsTests(PlatformFixture platform)
{
    private const float LiveUpdateTimeoutMs = 15_000;

    [Fact]
    public async Task A_sub_list_member_sees_its_task_follows_it_and_gets_new_activity_and_moving_a_list_into_its_own_child_is_refused()
    {
        await using var browser = new BrowserSession(platform, nameof(A_sub_list_member_sees_its_task_follows_it_and_gets_new_activity_and_moving_a_list_into_its_own_child_is_refused));
        await browser.RunAsync(async () =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var project = $"Website relaunch {suffix}";
            var design = $"Design {suffix}";
            var drafts = $"Bob's drafts {suffix}";
            var title = $"Pick the colour palette {suffix}";
            var comment = $"Two candidates are in the shared folder ({suffix}).";

            // Ann creates the project at the top level, then a sub-list from the project's page.
            var ann = await browser.OpenPageAsync("ann");
            await BrowserSession.LogInAsync(ann, platform.Ann);
            await ann.GetByTestId("nav-lists").ClickAsync();
            await ann.GetByTestId("list-new-name").FillAsync(project);
            await ann.GetByTestId("list-new-submit").ClickAsync();
            await Expect(ann.GetByTestId("list-name")).ToHaveTextAsync(project);
            var projectId = ListIdOf(ann);

            await ann.GetByTestId("list-child-name").FillAsync(design);
            await ann.GetByTestId("list-child-submit").ClickAsync();
            await Expect(ann.GetByTestId("list-name")).ToHaveTextAsync(design);
            var designId = ListIdOf(ann);
            await Expect(ann.GetByTestId("list-breadcrumb")).ToContainTextAsync(project);
            await Expect(TreeNode(ann, design)).ToHaveAttributeAsync("data-depth", "1");

            // Bob becomes a member of the sub-list only.
            await ann.GetByTestId("list-members-select").SelectOptionAsync(new SelectOptionValue { Value = platform.Bob.Id.ToString() });
            await ann.GetByTestId("list-members-add").ClickAsync();
            await Expect(ann.GetByTestId("list-members-chip").Filter(new LocatorFilterOptions { HasText = "Bob" })).ToBeVisibleAsync();

            // Ann creates a task and puts it into the sub-list from the task page.
            await ann.GetByTestId("nav-tasks").ClickAsync();
            await ann.GetByTestId("new-task-title").FillAsync(title);
            await ann.GetByTestId("new-task-submit").ClickAsync();
            await ann.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Open it" }).ClickAsync();
            await Expect(ann.GetByTestId("task-title")).ToHaveTextAsync(title);
            await ann.GetByTestId("task-list-add").SelectOptionAsync(new SelectOptionValue { Value = designId });
            await ann.GetByTestId("task-list-add-submit").ClickAsync();
            await Expect(ann.GetByTestId("task-list-chip")).ToHaveTextAsync(new Regex($"^{Regex.Escape($"{project} / {design}")}"));
            await Expect(Entry(ann, $"Ann added the task to “{design}”")).ToBeVisibleAsync();
            var taskUrl = ann.Url;

            // Bob sees the sub-list (its parent is not his to see) and the task through it, without taking part.
            var bob = await browser.OpenPageAsync("bob");
            await BrowserSession.LogInAsync(bob, platform.Bob);
            await bob.GetByTestId("nav-lists").ClickAsync();
            await Expect(TreeNode(bob, design).GetByTestId("lists-hidden-parent")).ToBeVisibleAsync();
            await Expect(TreeNode(bob, project)).ToHaveCountAsync(0);
            await TreeNode(bob, design).GetByTestId("lists-link").ClickAsync();
            await Expect(bob.GetByTestId("list-name")).ToHaveTextAsync(design);
            await bob.GetByTestId("list-tasks").GetByTestId("task-list-item").Filter(new LocatorFilterOptions { HasText = title }).ClickAsync();
            await Expect(bob.GetByTestId("task-title")).ToHaveTextAsync(title);
            Assert.Equal(taskUrl, bob.Url);
            await Expect(bob.GetByTestId("participant")).ToHaveTextAsync(["Ann"]);
            await Expect(bob.GetByTestId("task-list-chip")).ToHaveTextAsync(new Regex($"^{Regex.Escape(design)}"));

            // He follows it: a subscriber, not a participant.
            await bob.GetByTestId("task-follow").ClickAsync();
            await Expect(bob.GetByTestId("subscriber")).ToHaveTextAsync(["Bob"]);
            await Expect(bob.GetByTestId("task-unfollow")).ToBeVisibleAsync();
            await Expect(bob.GetByTestId("participant")).ToHaveTextAsync(["Ann"]);
            await Expect(Entry(bob, "Bob started following the task")).ToBeVisibleAsync();

            // Bob waits in his inbox, where the task is not (he has seen everything); Ann comments; it comes in.
            await bob.GetByTestId("nav-inbox").ClickAsync();
            await Expect(bob.GetByTestId("inbox-list")).ToHaveAttributeAsync("aria-busy", "false");
            var inboxItem = bob.GetByTestId("inbox-item").Filter(new LocatorFilterOptions { HasText = title });
            await Expect(inboxItem).ToHaveCountAsync(0);
            await ann.GetByTestId("comment-text").FillAsync(comment);
            await ann.GetByTestId("comment-submit").ClickAsync();
            await Expect(Entry(ann, comment)).ToBeVisibleAsync();
            await Expect(Entry(ann, "Bob started following the task")).ToBeVisibleAsync();
            await Expect(inboxItem).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = LiveUpdateTimeoutMs });
            await Expect(inboxItem.GetByTestId("inbox-reason")).ToHaveTextAsync("New activity");
            await Expect(inboxItem.GetByTestId("inbox-unread")).ToBeVisibleAsync();
            // The header counts it too. Waiting for the badge also lets the header settle: it appears beside "Inbox" and
            // shifts the links after it, and a click on "Lists" during that shift was lost on a loaded machine.
            await Expect(bob.GetByTestId("inbox-count")).ToHaveTextAsync("1");

            // Bob keeps drafts in a list of his own.
            await bob.GetByTestId("nav-lists").ClickAsync();
            await bob.GetByTestId("list-new-name").FillAsync(drafts);
            await bob.GetByTestId("list-new-submit").ClickAsync();
            await Expect(bob.GetByTestId("list-name")).ToHaveTextAsync(drafts);
            var draftsId = ListIdOf(bob);

            // The browser never offers a list's own sub-lists as where to move it.
            await ann.GetByTestId("nav-lists").ClickAsync();
            await TreeNode(ann, project).GetByTestId("lists-link").ClickAsync();
            await Expect(ann.GetByTestId("list-name")).ToHaveTextAsync(project);
            await ann.GetByTestId("list-move-open").ClickAsync();
            await Expect(MoveOption(ann, draftsId)).ToHaveCountAsync(1);
            await Expect(MoveOption(ann, designId)).ToHaveCountAsync(0);

            // Ann opens the move of the sub-list into Bob's drafts, which is at the top level as far as her page knows...
            await TreeNode(ann, design).GetByTestId("lists-link").ClickAsync();
            await Expect(ann.GetByTestId("list-name")).ToHaveTextAsync(design);
            await ann.GetByTestId("list-move-open").ClickAsync();
            await Expect(MoveOption(ann, draftsId)).ToHaveCountAsync(1);
            await Expect(MoveOption(ann, projectId)).ToHaveCountAsync(0);

            // ...while Bob moves his drafts into the sub-list.
            await bob.GetByTestId("list-move-open").ClickAsync();
            await bob.GetByTestId("list-move-target").SelectOptionAsync(new SelectOptionValue { Value = designId });
            await bob.GetByTestId("list-move-save").ClickAsync();
            await Expect(bob.GetByTestId("list-breadcrumb")).ToContainTextAsync(design);
            await Expect(TreeNode(bob, drafts)).ToHaveAttributeAsync("data-depth", "1");

            // Ann's move would put the sub-list inside its own child: the API refuses and says why; her tree catches up.
            await ann.GetByTestId("list-move-target").SelectOptionAsync(new SelectOptionValue { Value = draftsId });
            await ann.GetByTestId("list-move-save").ClickAsync();
            await Expect(ann.GetByTestId("list-error")).ToContainTextAsync("would put the list inside itself");
            await Expect(TreeNode(ann, drafts)).ToHaveAttributeAsync("data-depth", "2");
            await Expect(MoveOption(ann, draftsId)).ToHaveCountAsync(0);
            await Expect(ann.GetByTestId("list-breadcrumb")).ToContainTextAsync(project);

            // A list with lists inside cannot be deleted: the API's reason is shown.
            ann.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await TreeNode(ann, project).GetByTestId("lists-link").ClickAsync();
            await Expect(ann.GetByTestId("list-name")).ToHaveTextAsync(project);
            await ann.GetByTestId("list-delete").ClickAsync();
            await Expect(ann.GetByTestId("list-error")).ToContainTextAsync("The list has nested lists: move or delete them first.");
            await Expect(TreeNode(ann, project)).ToHaveCountAsync(1);

            // Renaming shows everywhere the list is named, Bob's tree included once he opens a lists page.
            var renamed = $"Visual design {suffix}";
            await TreeNode(ann, design).GetByTestId("lists-link").ClickAsync();
            await ann.GetByTestId("list-rename-open").ClickAsync();
            await ann.GetByTestId("list-rename-input").FillAsync(renamed);
            await ann.GetByTestId("list-rename-save").ClickAsync();
            await Expect(ann.GetByTestId("list-name")).ToHaveTextAsync(renamed);
            await Expect(TreeNode(ann, drafts)).ToHaveAttributeAsync("data-depth", "2");
            await TreeNode(bob, design).GetByTestId("lists-link").ClickAsync();
            await Expect(bob.GetByTestId("list-name")).ToHaveTextAsync(renamed);
            await Expect(TreeNode(bob, renamed)).ToHaveCountAsync(1);
            await Expect(TreeNode(bob, design)).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task A_member_of_a_project_sees_its_sub_lists_and_their_tasks_until_a_sub_list_moves_to_the_top_level()
    {
        await using var browser = new BrowserSession(platform, nameof(A_member_of_a_project_sees_its_sub_lists_and_their_tasks_until_a_sub_list_moves_to_the_top_level));
        await browser.RunAsync(async () =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var project = $"Office move {suffix}";
            var sub = $"Furniture {suffix}";
            var title = $"Order the standing desks {suffix}";

            // Ann creates a project with a sub-list, and makes Bob a member of the project only.
            var ann = await browser.OpenPageAsync("ann");
            await BrowserSession.LogInAsync(ann, platform.Ann);
            await ann.GetByTestId("nav-lists").ClickAsync();
            await ann.GetByTestId("list-new-name").FillAsync(project);
            await ann.GetByTestId("list-new-submit").ClickAsync();
            await Expect(ann.GetByTestId("list-name")).ToHaveTextAsync(project);
            await ann.GetByTestId("list-members-select").SelectOptionAsync(new SelectOptionValue { Value = platform.Bob.Id.ToString() });
            await ann.GetByTestId("list-members-add").ClickAsync();
            await Expect(ann.GetByTestId("list-members-chip").Filter(new LocatorFilterOptions { HasText = "Bob" })).ToBeVisibleAsync();
            await ann.GetByTestId("list-child-name").FillAsync(sub);
            await ann.GetByTestId("list-child-submit").ClickAsync();
            await Expect(ann.GetByTestId("list-name")).ToHaveTextAsync(sub);
            var subId = ListIdOf(ann);
            await Expect(ann.GetByTestId("list-members-chip").Filter(new LocatorFilterOptions { HasText = "Bob" })).ToHaveCountAsync(0);

            // Her task goes into the sub-list; the task page names the lists it is in.
            await ann.GetByTestId("nav-tasks").ClickAsync();
            await ann.GetByTestId("new-task-title").FillAsync(title);
            await ann.GetByTestId("new-task-submit").ClickAsync();
            await ann.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Open it" }).ClickAsync();
            await Expect(ann.GetByTestId("task-title")).ToHaveTextAsync(title);
            await Expect(ann.GetByTestId("task-lists")).ToContainTextAsync("In no list");
            await ann.GetByTestId("task-list-add").SelectOptionAsync(new SelectOptionValue { Value = subId });
            await ann.GetByTestId("task-list-add-submit").ClickAsync();
            await Expect(ann.GetByTestId("task-list-chip")).ToHaveTextAsync(new Regex($"^{Regex.Escape($"{project} / {sub}")}"));

            // Bob sees the sub-list under the project; the project's own tasks exclude it until he includes nested lists.
            var bob = await browser.OpenPageAsync("bob");
            await BrowserSession.LogInAsync(bob, platform.Bob);
            await bob.GetByTestId("nav-lists").ClickAsync();
            await Expect(TreeNode(bob, sub)).ToHaveAttributeAsync("data-depth", "1");
            await Expect(TreeNode(bob, sub).GetByTestId("lists-hidden-parent")).ToHaveCountAsync(0);
            await TreeNode(bob, project).GetByTestId("lists-link").ClickAsync();
            await Expect(bob.GetByTestId("list-name")).ToHaveTextAsync(project);
            await Expect(bob.GetByTestId("list-tasks-empty")).ToBeVisibleAsync();
            var bobsTask = bob.GetByTestId("list-tasks").GetByTestId("task-list-item").Filter(new LocatorFilterOptions { HasText = title });
            await bob.GetByTestId("list-tasks-nested").CheckAsync();
            await Expect(bobsTask).ToBeVisibleAsync();
            await bob.GetByTestId("list-tasks-nested").UncheckAsync();
            await Expect(bob.GetByTestId("list-tasks-empty")).ToBeVisibleAsync();

            // In the sub-list itself he sees the task, and opens it without taking part.
            await TreeNode(bob, sub).GetByTestId("lists-link").ClickAsync();
            await Expect(bob.GetByTestId("list-name")).ToHaveTextAsync(sub);
            await bobsTask.ClickAsync();
            await Expect(bob.GetByTestId("task-title")).ToHaveTextAsync(title);
            await Expect(bob.GetByTestId("participant")).ToHaveTextAsync(["Ann"]);
            await Expect(bob.GetByTestId("task-list-chip")).ToHaveTextAsync(new Regex($"^{Regex.Escape($"{project} / {sub}")}"));

            // Ann moves the sub-list to the top level: it leaves the project, and Bob, a member only above it, loses sight of it.
            await ann.GetByTestId("nav-lists").ClickAsync();
            await TreeNode(ann, sub).GetByTestId("lists-link").ClickAsync();
            await Expect(ann.GetByTestId("list-name")).ToHaveTextAsync(sub);
            await ann.GetByTestId("list-move-open").ClickAsync();
            await ann.GetByTestId("list-move-target").SelectOptionAsync(new SelectOptionValue { Label = "Top level" });
            await ann.GetByTestId("list-move-save").ClickAsync();
            await Expect(TreeNode(ann, sub)).ToHaveAttributeAsync("data-depth", "0");
            await Expect(ann.GetByTestId("list-breadcrumb")).Not.ToContainTextAsync(project);
            await Expect(ann.GetByTestId("list-error")).ToHaveCountAsync(0);
            await ann.GetByTestId("list-move-open").ClickAsync();
            await Expect(ann.GetByTestId("list-move-target").Locator("option", new LocatorLocatorOptions { HasText = "Top level" })).ToHaveCountAsync(0);

            await bob.GetByTestId("nav-lists").ClickAsync();
            await Expect(TreeNode(bob, project)).ToHaveCountAsync(1);
            await Expect(TreeNode(bob, sub)).ToHaveCountAsync(0);
            await TreeNode(bob, project).GetByTestId("lists-link").ClickAsync();
            await Expect(bob.GetByTestId("list-name")).ToHaveTextAsync(project);
            await Expect(bob.GetByTestId("list-tasks-empty")).ToBeVisibleAsync();
            await Expect(bob.GetByTestId("list-tasks-nested")).ToHaveCountAsync(0);
        });
    }

    private static ILocator TreeNode(IPage page, string name) => page.GetByTestId("lists-tree").Locator($"[data-testid='lists-item'][data-name=\"{name}\"]");

    private static ILocator MoveOption(IPage page, string listId) => page.GetByTestId("list-move-target").Locator($"option[value='{listId}']");

    private static ILocator Entry(IPage page, string text) => page.GetByTestId("comment-item").Filter(new LocatorFilterOptions { HasText = text });

    private static string ListIdOf(IPage page)
    {
        var match = ListUrl().Match(page.Url);
        Assert.True(match.Success, $"{page.Url} is not a list's address.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"#/lists/([0-9a-fA-F-]{36})$")]
    private static partial Regex ListUrl();
}
