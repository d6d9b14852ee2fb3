using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>A form task goes through a two-step approval route, each approver in their own browser.</summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class FormApprovalTests(PlatformFixture platform)
{
    private const float LiveUpdateTimeoutMs = 10_000;

    [Fact]
    public async Task A_form_task_is_approved_by_both_steps_and_the_author_sees_it_close_without_reload()
    {
        await using var browser = new BrowserSession(platform, nameof(A_form_task_is_approved_by_both_steps_and_the_author_sees_it_close_without_reload));
        await browser.RunAsync(async () =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var carol = await CreateUserAsync("Carol", suffix);
            var templateName = $"Purchase request {suffix}";
            var templateId = await CreateTemplateAsync(templateName, carol.Id);

            // Ann creates a form task in the UI, choosing the template and filling the amount.
            var ann = await browser.OpenPageAsync("ann");
            var annEventStream = ann.WaitForResponseAsync(
                r => r.Url.EndsWith("/api/v1/events", StringComparison.Ordinal) && r.Status == 200,
                new PageWaitForResponseOptions { Timeout = 30_000 });
            await BrowserSession.LogInAsync(ann, platform.Ann);
            var formSelect = ann.GetByTestId("new-task-form-select");
            await Expect(formSelect.Locator($"option[value='{templateId}']")).ToHaveTextAsync(templateName);
            await formSelect.SelectOptionAsync(new SelectOptionValue { Value = templateId.ToString() });
            await ann.GetByTestId("new-task-field-amount").FillAsync("1250.50");
            await ann.GetByTestId("new-task-submit").ClickAsync();
            await Expect(ann.GetByRole(AriaRole.Status)).ToContainTextAsync($"Created “{templateName}”");

            await ann.GetByTestId("task-list-item").Filter(new LocatorFilterOptions { HasText = templateName }).ClickAsync();
            await Expect(ann.GetByTestId("task-title")).ToHaveTextAsync(templateName);
            await Expect(ann).ToHaveURLAsync(TaskUrl());
            var amount = ann.GetByTestId("form-field").Filter(new LocatorFilterOptions { HasText = "Amount" });
            await Expect(amount).ToContainTextAsync("1,250.50 EUR");
            var annRoute = ann.GetByTestId("route-panel");
            await Expect(annRoute).ToHaveAttributeAsync("data-status", "in_progress");
            await Expect(annRoute.GetByTestId("route-step")).ToHaveCountAsync(2);
            await Expect(ann.GetByTestId("approve")).ToHaveCountAsync(0);
            var annTaskUrl = ann.Url;
            await annEventStream;
            await ann.EvaluateAsync("() => { window.__marker = 1; }");

            // Bob finds it in his inbox as awaiting his approval and approves step 1.
            var bob = await browser.OpenPageAsync("bob");
            await BrowserSession.LogInAsync(bob, platform.Bob);
            var bobItem = bob.GetByTestId("inbox-item").Filter(new LocatorFilterOptions { HasText = templateName });
            await Expect(bobItem.GetByTestId("inbox-reason")).ToHaveTextAsync("Awaiting your approval");
            await bobItem.Locator("a.inbox-link").ClickAsync();
            await Expect(bob.GetByTestId("task-title")).ToHaveTextAsync(templateName);
            Assert.Equal(annTaskUrl, bob.Url);
            await bob.GetByTestId("approve").ClickAsync();
            await Expect(bob.GetByTestId("comment-item").Filter(new LocatorFilterOptions { HasText = "Bob approved step 1" })).ToBeVisibleAsync();
            await Expect(bob.GetByTestId("approve")).ToHaveCountAsync(0);

            // Carol approves step 2.
            var carolPage = await browser.OpenPageAsync("carol");
            await BrowserSession.LogInAsync(carolPage, carol);
            var carolItem = carolPage.GetByTestId("inbox-item").Filter(new LocatorFilterOptions { HasText = templateName });
            await Expect(carolItem.GetByTestId("inbox-reason")).ToHaveTextAsync("Awaiting your approval");
            await carolItem.Locator("a.inbox-link").ClickAsync();
            await Expect(carolPage.GetByTestId("task-title")).ToHaveTextAsync(templateName);
            await carolPage.GetByTestId("approve").ClickAsync();
            await Expect(carolPage.GetByTestId("route-panel")).ToHaveAttributeAsync("data-status", "approved");

            // Ann's open page shows the approved route and the closed task by itself.
            await Expect(annRoute).ToHaveAttributeAsync("data-status", "approved",
                new LocatorAssertionsToHaveAttributeOptions { Timeout = LiveUpdateTimeoutMs });
            await Expect(ann.GetByTestId("route-status")).ToHaveTextAsync("Approved");
            await Expect(ann.GetByTestId("task-closed")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = LiveUpdateTimeoutMs });
            await Expect(ann.GetByTestId("comment-item").Filter(new LocatorFilterOptions { HasText = "Carol approved step 2" })).ToBeVisibleAsync();
            Assert.Equal(annTaskUrl, ann.Url);
            Assert.Equal(1, await ann.EvaluateAsync<int?>("() => window.__marker ?? null"));
        });
    }

    private async Task<TestUser> CreateUserAsync(string name, string suffix)
    {
        var email = $"{name.ToLowerInvariant()}.{suffix}@example.test";
        var password = $"{name.ToLowerInvariant()}-battery-staple-{suffix}";
        using var response = await SendAsAnnAsync(HttpMethod.Post, "api/v1/users", new { email, displayName = name, password });
        await platform.ExpectStatusAsync(response, HttpStatusCode.Created, CancellationToken.None);
        var created = await response.Content.ReadFromJsonAsync<Created>();
        return new TestUser(created!.Id, email, name, password);
    }

    private async Task<Guid> CreateTemplateAsync(string name, Guid carolId)
    {
        using var response = await SendAsAnnAsync(HttpMethod.Post, "api/v1/forms", new
        {
            name,
            fields = new object[] { new { code = "amount", type = "money", label = "Amount", currency = "EUR", requiredFromStep = 1 } },
            route = new
            {
                steps = new object[]
                {
                    new { name = "Manager", approvers = new[] { platform.Bob.Id } },
                    new { name = "Finance", approvers = new[] { carolId } },
                },
            },
        });
        await platform.ExpectStatusAsync(response, HttpStatusCode.Created, CancellationToken.None);
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private async Task<HttpResponseMessage> SendAsAnnAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.AnnAccessToken);
        return await platform.Api.SendAsync(request);
    }

    private sealed record Created(Guid Id);

    [GeneratedRegex(@"#/tasks/[0-9a-fA-F-]{36}$")]
    private static partial Regex TaskUrl();
}
