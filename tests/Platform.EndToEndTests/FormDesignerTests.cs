using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>An administrator designs a form in the browser; a colleague fills it in; the administrator approves it.</summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class FormDesignerTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_form_designed_in_the_browser_is_filled_in_by_a_colleague_and_approved_by_the_admin()
    {
        await using var browser = new BrowserSession(platform, nameof(A_form_designed_in_the_browser_is_filled_in_by_a_colleague_and_approved_by_the_admin));
        await browser.RunAsync(async () =>
        {
            var formName = $"Business trip {Guid.NewGuid().ToString("N")[..8]}";

            // Ann designs it: a required text field, a money field, one step she approves herself.
            var ann = await browser.OpenPageAsync("ann");
            await BrowserSession.LogInAsync(ann, platform.Ann);
            await ann.GetByTestId("nav-forms").ClickAsync();
            await ann.GetByTestId("form-new").ClickAsync();
            await Expect(ann.GetByTestId("designer-heading")).ToHaveTextAsync("New form");
            await ann.GetByTestId("designer-name").FillAsync(formName);
            await ann.GetByTestId("field-0-label").FillAsync("Destination");
            await Expect(ann.GetByTestId("field-0-code")).ToHaveValueAsync("destination");
            await ann.GetByTestId("designer-add-field").ClickAsync();
            await ann.GetByTestId("field-1-type").SelectOptionAsync("money");
            await ann.GetByTestId("designer-add-step").ClickAsync();
            await ann.GetByTestId("step-0-name").FillAsync("Head of travel");
            await ann.GetByTestId("step-0-approvers-select").SelectOptionAsync(new SelectOptionValue { Label = "Ann" });
            await ann.GetByTestId("step-0-approvers-add").ClickAsync();
            await Expect(ann.GetByTestId("step-0-approvers-chip")).ToHaveTextAsync(new Regex("^Ann"));
            await ann.GetByTestId("field-0-required").SelectOptionAsync("1");

            // The second field has no label or code yet: the server's field errors appear at those inputs.
            await ann.GetByTestId("designer-save").ClickAsync();
            await Expect(ann.GetByTestId("designer-error")).ToContainTextAsync("The form was not saved");
            await Expect(ann.Locator("[data-testid='designer-field-error'][data-path='fields[1].label']")).ToContainTextAsync("required");
            await Expect(ann.Locator("[data-testid='designer-field-error'][data-path='fields[1].code']")).ToBeVisibleAsync();
            await Expect(ann.GetByTestId("field-1-label")).ToHaveAttributeAsync("aria-invalid", "true");

            await ann.GetByTestId("field-1-label").FillAsync("Budget");
            await Expect(ann.GetByTestId("field-1-code")).ToHaveValueAsync("budget");
            await Expect(ann.GetByTestId("field-1-currency")).ToHaveValueAsync("EUR");
            await ann.GetByTestId("designer-save").ClickAsync();
            await Expect(ann).ToHaveURLAsync(FormUrl());
            await Expect(ann.GetByTestId("designer-version")).ToContainTextAsync("Version 1");
            await Expect(ann.GetByTestId("designer-heading")).ToContainTextAsync(formName);
            await Expect(ann.GetByTestId("designer-field")).ToHaveCountAsync(2);

            // Bob creates a task from it; the required field is checked by the server first.
            var bob = await browser.OpenPageAsync("bob");
            await BrowserSession.LogInAsync(bob, platform.Bob);
            var formSelect = bob.GetByTestId("new-task-form-select");
            await Expect(formSelect.Locator("option", new LocatorLocatorOptions { HasText = formName })).ToHaveCountAsync(1);
            await formSelect.SelectOptionAsync(new SelectOptionValue { Label = formName });
            await bob.GetByTestId("new-task-field-budget").FillAsync("300");
            await bob.GetByTestId("new-task-submit").ClickAsync();
            await Expect(bob.GetByTestId("field-error")).ToContainTextAsync("required");
            await bob.GetByTestId("new-task-field-destination").FillAsync("Berlin");
            await bob.GetByTestId("new-task-submit").ClickAsync();
            await Expect(bob.GetByRole(AriaRole.Status)).ToContainTextAsync($"Created “{formName}”");

            // Ann finds it awaiting her approval and approves: the one-step route closes the task.
            await ann.GetByTestId("nav-inbox").ClickAsync();
            var item = ann.GetByTestId("inbox-item").Filter(new LocatorFilterOptions { HasText = formName });
            await Expect(item.GetByTestId("inbox-reason")).ToHaveTextAsync("Awaiting your approval");
            await item.Locator("a.inbox-link").ClickAsync();
            await Expect(ann.GetByTestId("form-field").Filter(new LocatorFilterOptions { HasText = "Destination" })).ToContainTextAsync("Berlin");
            await Expect(ann.GetByTestId("form-field").Filter(new LocatorFilterOptions { HasText = "Budget" })).ToContainTextAsync("300.00 EUR");
            await ann.GetByTestId("approve").ClickAsync();
            await Expect(ann.GetByTestId("route-panel")).ToHaveAttributeAsync("data-status", "approved");
            await Expect(ann.GetByTestId("task-closed")).ToBeVisibleAsync();
            await Expect(ann.GetByTestId("comment-item").Filter(new LocatorFilterOptions { HasText = "Ann approved step 1" })).ToBeVisibleAsync();
        });
    }

    [GeneratedRegex(@"#/forms/[0-9a-fA-F-]{36}$")]
    private static partial Regex FormUrl();
}
