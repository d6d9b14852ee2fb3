using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>A form task's table of catalog items is edited in the browser; an approval is revoked and re-requested.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class FormTaskEditingTests(PlatformFixture platform)
{
    private static readonly string[] Moscow = ["MSK", "Moscow"];
    private static readonly string[] SaintPetersburg = ["SPB", "Saint Petersburg"];

    [Fact]
    public async Task Table_rows_with_catalog_items_are_edited_and_an_approval_is_revoked_and_re_requested()
    {
        await using var browser = new BrowserSession(platform, nameof(Table_rows_with_catalog_items_are_edited_and_an_approval_is_revoked_and_re_requested));
        await browser.RunAsync(async () =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var admin = new AdminApi(platform);
            var catalog = await admin.SendAsync<AdminApi.Created>(HttpMethod.Post, "api/v1/catalogs", new
            {
                name = $"Cities {suffix}",
                headers = new object[] { new { name = "Code" }, new { name = "City" } },
                items = new object[] { new { values = Moscow }, new { values = SaintPetersburg } },
            }, HttpStatusCode.Created);
            var form = await admin.SendAsync<AdminApi.Created>(HttpMethod.Post, "api/v1/forms", new
            {
                name = $"Shipment {suffix}",
                fields = new object[]
                {
                    new
                    {
                        code = "lines", type = "table", label = "Lines",
                        columns = new object[]
                        {
                            new { code = "city", type = "catalog", label = "City", catalogId = catalog.Id },
                            new { code = "qty", type = "number", label = "Qty", decimals = 0 },
                        },
                    },
                },
                route = new { steps = new object[] { new { approvers = new[] { platform.Ann.Id, platform.Bob.Id } } } },
            }, HttpStatusCode.Created);
            var task = await admin.SendAsync<AdminApi.Created>(HttpMethod.Post, "api/v1/tasks", new
            {
                title = $"Shipment {suffix}",
                form = new { templateId = form.Id, values = new { } },
            }, HttpStatusCode.Created);

            var ann = await browser.OpenPageAsync("ann");
            await BrowserSession.LogInAsync(ann, platform.Ann);
            await ann.GotoAsync($"/#/tasks/{task.Id}");
            await Expect(ann.GetByTestId("task-title")).ToHaveTextAsync($"Shipment {suffix}");

            // Two rows: a catalog key picked per row (the item's name shows under it) and a quantity.
            await ann.GetByTestId("form-edit").ClickAsync();
            await ann.GetByTestId("form-field-lines-add-row").ClickAsync();
            await ann.GetByTestId("form-field-lines-add-row").ClickAsync();
            await ann.GetByTestId("form-field-lines-add-row").ClickAsync();
            await ann.GetByTestId("form-field-lines-0-city").FillAsync("MSK");
            await Expect(ann.GetByTestId("form-field-lines-0-city-note")).ToHaveTextAsync("Moscow");
            await ann.GetByTestId("form-field-lines-0-qty").FillAsync("3");
            await ann.GetByTestId("form-field-lines-1-city").FillAsync("KZN");
            await Expect(ann.GetByTestId("form-field-lines-1-city-note")).ToContainTextAsync("no item with this key");
            await ann.GetByTestId("form-field-lines-1-city").FillAsync("SPB");
            await ann.GetByTestId("form-field-lines-1-qty").FillAsync("1");
            await ann.GetByTestId("form-field-lines-remove-row").Nth(2).ClickAsync();
            await Expect(ann.GetByTestId("form-field-lines-row")).ToHaveCountAsync(2);
            await ann.GetByTestId("form-save").ClickAsync();
            var table = ann.GetByTestId("form-table-value");
            await Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(table.Locator("tbody tr").Nth(0)).ToContainTextAsync("MSK");
            await Expect(table.Locator("tbody tr").Nth(0)).ToContainTextAsync("3");
            await Expect(table.Locator("tbody tr").Nth(1)).ToContainTextAsync("SPB");

            // A number the column cannot hold is refused by the server, next to the table.
            await ann.GetByTestId("form-edit").ClickAsync();
            await ann.GetByTestId("form-field-lines-0-qty").FillAsync("2.5");
            await ann.GetByTestId("form-save").ClickAsync();
            await Expect(ann.GetByTestId("field-error")).ToContainTextAsync("Row 1, qty");
            await ann.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Cancel" }).ClickAsync();

            // Ann approves; Bob has not yet, so she can take it back.
            var annApproval = ann.GetByTestId("route-approver").Filter(new LocatorFilterOptions { HasText = "Ann" });
            await ann.GetByTestId("approve").ClickAsync();
            await Expect(annApproval).ToHaveAttributeAsync("data-decision", "approved");
            await ann.GetByTestId("revoke").ClickAsync();
            await Expect(annApproval).ToHaveAttributeAsync("data-decision", "pending");
            await Expect(ann.GetByTestId("revoke")).ToHaveCountAsync(0);
            await Expect(ann.Locator("[data-testid='comment-item'][data-kind='revoked']")).ToHaveCountAsync(1);

            // As the author she re-requests the step: everyone is asked again.
            await ann.GetByTestId("approve").ClickAsync();
            await Expect(annApproval).ToHaveAttributeAsync("data-decision", "approved");
            await ann.GetByTestId("re-request").ClickAsync();
            await Expect(ann.Locator("[data-testid='comment-item'][data-kind='re_requested']")).ToHaveCountAsync(1);
            await Expect(annApproval).ToHaveAttributeAsync("data-decision", "pending");
            await Expect(ann.GetByTestId("route-panel")).ToHaveAttributeAsync("data-status", "in_progress");
        });
    }
}
