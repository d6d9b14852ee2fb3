using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>An administrator changes a form and looks back at the version before the change in the designer.</summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class FormVersionsTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_admin_saves_a_second_version_opens_the_first_read_only_and_returns_to_the_current_one()
    {
        await using var browser = new BrowserSession(platform, nameof(An_admin_saves_a_second_version_opens_the_first_read_only_and_returns_to_the_current_one));
        await browser.RunAsync(async () =>
        {
            var formName = $"Expense claim {Guid.NewGuid().ToString("N")[..8]}";

            // Version 1: one text field.
            var ann = await browser.OpenPageAsync("ann");
            await BrowserSession.LogInAsync(ann, platform.Ann);
            await ann.GetByTestId("nav-forms").ClickAsync();
            await ann.GetByTestId("form-new").ClickAsync();
            await ann.GetByTestId("designer-name").FillAsync(formName);
            await ann.GetByTestId("field-0-label").FillAsync("Purpose");
            await Expect(ann.GetByTestId("field-0-code")).ToHaveValueAsync("purpose");
            await ann.GetByTestId("designer-save").ClickAsync();
            await Expect(ann).ToHaveURLAsync(FormUrl());
            await Expect(ann.GetByTestId("designer-version")).ToContainTextAsync("Version 1");
            await Expect(ann.GetByTestId("designer-version-1")).ToContainTextAsync("Version 1 (current)");

            // Version 2: the same field, relabelled.
            await ann.GetByTestId("field-0-label").FillAsync("Business purpose");
            await ann.GetByTestId("designer-save").ClickAsync();
            await Expect(ann.GetByTestId("designer-saved")).ToContainTextAsync("Saved as version 2");
            await Expect(ann.GetByTestId("designer-version")).ToContainTextAsync("Version 2");

            // The history lists both, newest first; the current one is marked and shown.
            var versions = ann.GetByTestId("designer-versions").Locator("li");
            await Expect(versions).ToHaveCountAsync(2);
            await Expect(versions.Nth(0)).ToHaveAttributeAsync("data-testid", "designer-version-2");
            await Expect(versions.Nth(1)).ToHaveAttributeAsync("data-testid", "designer-version-1");
            var second = ann.GetByTestId("designer-version-2");
            var first = ann.GetByTestId("designer-version-1");
            await Expect(second).ToContainTextAsync("Version 2 (current)");
            await Expect(second).ToContainTextAsync("Shown");
            await Expect(second).ToContainTextAsync("by Ann");
            await Expect(first).Not.ToContainTextAsync("(current)");

            // Version 1 opens read-only with its own label; nothing can be edited or saved.
            await first.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Show version 1 of 2" }).ClickAsync();
            var viewing = ann.GetByTestId("designer-viewing");
            await Expect(viewing).ToContainTextAsync("Version 1 of 2");
            await Expect(viewing).ToContainTextAsync("read-only");
            await Expect(ann.GetByTestId("field-0-label")).ToHaveValueAsync("Purpose");
            await Expect(ann.GetByTestId("field-0-label")).Not.ToBeEditableAsync();
            await Expect(ann.GetByTestId("designer-name")).Not.ToBeEditableAsync();
            await Expect(ann.GetByTestId("field-0-type")).ToBeDisabledAsync();
            await Expect(ann.GetByTestId("designer-save")).ToHaveCountAsync(0);
            await Expect(ann.GetByTestId("designer-add-field")).ToHaveCountAsync(0);
            await Expect(ann.GetByTestId("designer-add-step")).ToHaveCountAsync(0);
            await Expect(ann.GetByTestId("field-0-remove")).ToHaveCountAsync(0);
            await Expect(ann.GetByTestId("designer-archive")).ToHaveCountAsync(0);
            await Expect(first).ToContainTextAsync("Shown");

            // Back at the current version: the new label, editable again.
            await ann.GetByTestId("designer-back-to-current").ClickAsync();
            await Expect(viewing).ToHaveCountAsync(0);
            await Expect(ann.GetByTestId("field-0-label")).ToHaveValueAsync("Business purpose");
            await Expect(ann.GetByTestId("field-0-label")).ToBeEditableAsync();
            await Expect(ann.GetByTestId("designer-save")).ToBeVisibleAsync();
            await Expect(ann.GetByTestId("designer-add-field")).ToBeVisibleAsync();
            await Expect(ann.GetByTestId("designer-version")).ToContainTextAsync("Version 2");
            await Expect(second).ToContainTextAsync("Shown");
        });
    }

    [GeneratedRegex(@"#/forms/[0-9a-fA-F-]{36}$")]
    private static partial Regex FormUrl();
}
