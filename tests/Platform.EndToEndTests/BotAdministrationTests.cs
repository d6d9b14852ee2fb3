using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>An administrator gives an integration a bot, revokes its key and deletes it, all in the browser.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class BotAdministrationTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_bot_key_shown_once_works_until_it_is_revoked_and_a_deleted_bot_leaves_the_list()
    {
        await using var browser = new BrowserSession(platform, nameof(A_bot_key_shown_once_works_until_it_is_revoked_and_a_deleted_bot_leaves_the_list));
        await browser.RunAsync(async () =>
        {
            var botName = $"Exporter {Guid.NewGuid().ToString("N")[..8]}";
            var ann = await browser.OpenPageAsync("ann");
            // Revoking and deleting ask with the browser's own confirm(): accept, but remember what was asked.
            var questions = new List<string>();
            ann.Dialog += async (_, dialog) =>
            {
                lock (questions)
                    questions.Add(dialog.Message);
                await dialog.AcceptAsync();
            };
            await BrowserSession.LogInAsync(ann, platform.Ann);
            await ann.GetByTestId("nav-people").ClickAsync();

            // Created: the key is shown this once, and it signs the bot in.
            await ann.GetByTestId("bot-new-name").FillAsync(botName);
            await ann.GetByTestId("bot-create").ClickAsync();
            await Expect(ann.GetByTestId("bot-issued")).ToContainTextAsync(botName);
            var key = await ann.GetByTestId("bot-key").InputValueAsync();
            Assert.StartsWith("plt_", key, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(key));
            var botRow = ann.Locator($"[data-testid='bot-row'][data-name='{botName}']");
            await Expect(botRow).ToContainTextAsync(key[..8]);

            // Revoked: the same key is refused at once, the row has no key, and the shown key is gone.
            await botRow.GetByTestId("bot-revoke").ClickAsync();
            await Expect(botRow).ToContainTextAsync("no key");
            await Expect(botRow.GetByTestId("bot-revoke")).ToHaveCountAsync(0);
            await Expect(ann.GetByTestId("bot-key")).ToHaveCountAsync(0);
            Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(key));

            // Deleted: gone from the list.
            await botRow.GetByTestId("bot-delete").ClickAsync();
            await Expect(botRow).ToHaveCountAsync(0);
            await Expect(ann.GetByTestId("bot-error")).ToHaveCountAsync(0);
            lock (questions)
            {
                Assert.Collection(questions,
                    q => Assert.StartsWith($"Revoke the key of {botName}?", q, StringComparison.Ordinal),
                    q => Assert.StartsWith($"Delete {botName}?", q, StringComparison.Ordinal));
            }

            // The server deleted it, rather than the page hiding it: the API no longer lists it.
            var bots = await new AdminApi(platform).SendAsync<BotList>(HttpMethod.Get, "api/v1/bots", null, HttpStatusCode.OK);
            Assert.DoesNotContain(bots.Items, b => b.DisplayName == botName);
        });
    }

    private async Task<HttpStatusCode> MeStatusAsync(string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await platform.Api.SendAsync(request);
        return response.StatusCode;
    }

    private sealed record BotList(IReadOnlyList<BotItem> Items);

    private sealed record BotItem(Guid Id, string DisplayName);
}
