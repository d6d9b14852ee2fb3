using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>
/// A form's register in the browser: filters by part of a text field (and exactly), by open/closed, the CSV holds exactly the
/// filtered rows, and a click on a field's column header sorts by it (again: the other way round).
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class FormRegisterTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_register_filters_by_field_value_and_state_sorts_by_a_field_and_the_csv_download_holds_the_filtered_rows()
    {
        await using var browser = new BrowserSession(platform, nameof(The_register_filters_by_field_value_and_state_sorts_by_a_field_and_the_csv_download_holds_the_filtered_rows));
        await browser.RunAsync(async () =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var admin = new AdminApi(platform);
            var formName = $"Expense claim {suffix}";
            var form = await admin.SendAsync<AdminApi.Created>(HttpMethod.Post, "api/v1/forms", new
            {
                name = formName,
                fields = new object[]
                {
                    new { code = "city", type = "text", label = "City" },
                    new { code = "amount", type = "money", label = "Amount", currency = "EUR" },
                },
            }, HttpStatusCode.Created);
            async Task<Guid> CreateTaskAsync(string title, string city, decimal amount) =>
                (await admin.SendAsync<AdminApi.Created>(HttpMethod.Post, "api/v1/tasks", new
                {
                    title,
                    form = new { templateId = form.Id, values = new { city, amount } },
                }, HttpStatusCode.Created)).Id;
            var berlinOpen = $"Berlin open {suffix}";
            var berlinClosed = $"Berlin closed {suffix}";
            var paris = $"Paris open {suffix}";
            await CreateTaskAsync(berlinOpen, "Berlin", 120m);
            var closedId = await CreateTaskAsync(berlinClosed, "Berlin", 80m);
            await CreateTaskAsync(paris, "Paris", 300m);
            using (await admin.SendAsync(HttpMethod.Post, $"api/v1/tasks/{closedId}/close", null, HttpStatusCode.Created))
            {
            }

            var ann = await browser.OpenPageAsync("ann");
            await BrowserSession.LogInAsync(ann, platform.Ann);
            await ann.GetByTestId("nav-forms").ClickAsync();
            await ann.GetByTestId("forms-item").Filter(new LocatorFilterOptions { HasText = formName }).GetByTestId("forms-register").ClickAsync();
            await Expect(ann.GetByTestId("register-title")).ToHaveTextAsync($"Register: {formName}");
            var rows = ann.GetByTestId("register-row");
            await Expect(rows).ToHaveCountAsync(3);

            // "is exactly" compares the whole value, case and all: nothing is "berlin".
            await ann.GetByTestId("register-filter-city-match").SelectOptionAsync("equals");
            await ann.GetByTestId("register-filter-city").FillAsync("berlin");
            await ann.GetByTestId("register-apply").ClickAsync();
            await Expect(ann).ToHaveURLAsync(new Regex(@"/register\?f\.city=berlin$"));
            await Expect(ann.GetByTestId("register-empty")).ToBeVisibleAsync();

            // City contains "ERL" (any case): the open and the closed Berlin claims.
            await ann.GetByTestId("register-filter-city-match").SelectOptionAsync("contains");
            await ann.GetByTestId("register-filter-city").FillAsync("ERL");
            await ann.GetByTestId("register-apply").ClickAsync();
            await Expect(ann).ToHaveURLAsync(new Regex(@"/register\?f\.city\.contains=ERL$"));
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.Filter(new LocatorFilterOptions { HasText = paris })).ToHaveCountAsync(0);

            // …and open: only the open one.
            await ann.GetByTestId("register-status").SelectOptionAsync("open");
            await ann.GetByTestId("register-apply").ClickAsync();
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToContainTextAsync(berlinOpen);
            await Expect(rows.First).ToContainTextAsync("120.00 EUR");

            // The CSV is the same filtered register.
            var download = await ann.RunAndWaitForDownloadAsync(() => ann.GetByTestId("register-csv").ClickAsync());
            var path = await download.PathAsync();
            var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToList();
            Assert.Equal(2, lines.Count);
            Assert.StartsWith("id,title,created,updated,closed,step,route,City,Amount", lines[0], StringComparison.Ordinal);
            Assert.Contains(berlinOpen, lines[1], StringComparison.Ordinal);
            Assert.Contains(",Berlin,120", lines[1], StringComparison.Ordinal);

            // Closed instead of open; then the back button restores the previous filters.
            await ann.GetByTestId("register-status").SelectOptionAsync("closed");
            await ann.GetByTestId("register-apply").ClickAsync();
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToContainTextAsync(berlinClosed);
            await Expect(rows.First).ToContainTextAsync("Closed");
            await ann.GoBackAsync();
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToContainTextAsync(berlinOpen);
            await Expect(ann.GetByTestId("register-status")).ToHaveValueAsync("open");

            // Without filters, a click on the Amount header sorts by amount, smallest first; a second click reverses it.
            await ann.GetByTestId("register-clear").ClickAsync();
            await Expect(rows).ToHaveCountAsync(3);
            var amountHeader = ann.GetByTestId("register-sort-f.amount");
            await amountHeader.ClickAsync();
            await Expect(ann).ToHaveURLAsync(new Regex(@"/register\?sort=f\.amount$"));
            await Expect(rows.GetByTestId("register-task-link")).ToHaveTextAsync([berlinClosed, berlinOpen, paris]);
            await amountHeader.ClickAsync();
            await Expect(ann).ToHaveURLAsync(new Regex(@"/register\?sort=f\.amount&order=desc$"));
            await Expect(rows.GetByTestId("register-task-link")).ToHaveTextAsync([paris, berlinOpen, berlinClosed]);
            await Expect(ann.Locator("th[aria-sort=descending]")).ToContainTextAsync("Amount");
            // A filter keeps the order.
            await ann.GetByTestId("register-filter-city").FillAsync("berlin");
            await ann.GetByTestId("register-apply").ClickAsync();
            await Expect(ann).ToHaveURLAsync(new Regex(@"/register\?f\.city\.contains=berlin&sort=f\.amount&order=desc$"));
            await Expect(rows.GetByTestId("register-task-link")).ToHaveTextAsync([berlinOpen, berlinClosed]);

            // A row leads to its task.
            await rows.First.GetByTestId("register-task-link").ClickAsync();
            await Expect(ann.GetByTestId("task-title")).ToHaveTextAsync(berlinOpen);
        });
    }
}
