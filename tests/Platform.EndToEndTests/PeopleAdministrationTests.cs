using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>An administrator runs the people side of the organisation in the browser: departments, roles, members, blocking, bots.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class PeopleAdministrationTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_admin_creates_a_department_and_a_role_adds_a_member_and_blocks_and_unblocks_someone()
    {
        await using var browser = new BrowserSession(platform, nameof(An_admin_creates_a_department_and_a_role_adds_a_member_and_blocks_and_unblocks_someone));
        await browser.RunAsync(async () =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var admin = new AdminApi(platform);
            var dora = await admin.CreateUserAsync($"Dora{suffix}", suffix);
            var department = $"Logistics {suffix}";
            var role = $"Auditors {suffix}";

            var ann = await browser.OpenPageAsync("ann");
            // Blocking and key rotation ask for confirmation first.
            ann.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await BrowserSession.LogInAsync(ann, platform.Ann);
            await ann.GetByTestId("nav-people").ClickAsync();

            // A department with Dora in it.
            await ann.GetByTestId("department-new-name").FillAsync(department);
            await ann.GetByTestId("department-create").ClickAsync();
            var departmentRow = ann.Locator($"[data-testid='department-row'][data-name='{department}']");
            await Expect(departmentRow).ToContainTextAsync("0 members");
            await departmentRow.GetByTestId("department-manage").ClickAsync();
            await departmentRow.GetByTestId("department-members-select").SelectOptionAsync(new SelectOptionValue { Label = dora.DisplayName });
            await departmentRow.GetByTestId("department-members-add").ClickAsync();
            await Expect(departmentRow.GetByTestId("department-members-chip")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{dora.DisplayName}"));
            await Expect(departmentRow).ToContainTextAsync("1 member");

            // A duplicate sibling name is refused with the server's message.
            await ann.GetByTestId("department-new-name").FillAsync(department.ToUpperInvariant());
            await ann.GetByTestId("department-create").ClickAsync();
            await Expect(ann.GetByTestId("department-create-error")).ToContainTextAsync("Name");

            // A role with Dora in it.
            await ann.GetByTestId("role-new-name").FillAsync(role);
            await ann.GetByTestId("role-create").ClickAsync();
            var roleRow = ann.Locator($"[data-testid='role-row'][data-name='{role}']");
            await roleRow.GetByTestId("role-manage").ClickAsync();
            await roleRow.GetByTestId("role-members-select").SelectOptionAsync(new SelectOptionValue { Label = dora.DisplayName });
            await roleRow.GetByTestId("role-members-add").ClickAsync();
            await Expect(roleRow).ToContainTextAsync("1 member");

            // Dora's entry lists both; the API agrees.
            var doraRow = ann.Locator($"[data-testid='people-item'][data-user-id='{dora.Id}']");
            await Expect(doraRow).ToContainTextAsync(department);
            await Expect(doraRow).ToContainTextAsync(role);

            // Blocked, she cannot sign in; unblocked, she can again.
            await doraRow.GetByTestId("member-block").ClickAsync();
            await Expect(doraRow.GetByTestId("member-blocked")).ToBeVisibleAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, await admin.LoginStatusAsync(dora));
            await doraRow.GetByTestId("member-unblock").ClickAsync();
            await Expect(doraRow.GetByTestId("member-blocked")).ToHaveCountAsync(0);
            Assert.Equal(HttpStatusCode.OK, await admin.LoginStatusAsync(dora));

            // A bot: its key is shown once and works until the bot is blocked.
            var botName = $"Importer {suffix}";
            await ann.GetByTestId("bot-new-name").FillAsync(botName);
            await ann.GetByTestId("bot-create").ClickAsync();
            var key = await ann.GetByTestId("bot-key").InputValueAsync();
            Assert.StartsWith("plt_", key, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(key));
            await ann.GetByTestId("bot-issued-dismiss").ClickAsync();
            await Expect(ann.GetByTestId("bot-key")).ToHaveCountAsync(0);
            var botRow = ann.Locator($"[data-testid='bot-row'][data-name='{botName}']");
            await Expect(botRow).ToContainTextAsync(key[..8]);
            await botRow.GetByTestId("bot-block").ClickAsync();
            await Expect(botRow.GetByTestId("bot-unblock")).ToBeVisibleAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(key));
        });
    }

    private async Task<HttpStatusCode> MeStatusAsync(string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await platform.Api.SendAsync(request);
        return response.StatusCode;
    }
}
