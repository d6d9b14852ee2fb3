using System.Net;
using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

[Collection(EndToEndGroup.Name)]
public sealed class LoginTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_wrong_password_shows_the_servers_message_and_does_not_sign_in()
    {
        await using var browser = new BrowserSession(platform, nameof(A_wrong_password_shows_the_servers_message_and_does_not_sign_in));
        await browser.RunAsync(async () =>
        {
            // What the server says about a failed sign-in (an unknown address: no account's lockout counter moves).
            using var refused = await platform.Api.PostAsJsonAsync("api/v1/auth/login",
                new { email = "nobody@example.test", password = "not-the-password" });
            await platform.ExpectStatusAsync(refused, HttpStatusCode.Unauthorized, CancellationToken.None);
            var problem = await refused.Content.ReadFromJsonAsync<Problem>();
            Assert.False(string.IsNullOrWhiteSpace(problem?.Detail), "The 401 problem has no detail to show.");

            var page = await browser.OpenPageAsync("login");
            await page.GotoAsync("/");
            await page.GetByTestId("login-email").FillAsync(platform.Ann.Email);
            await page.GetByTestId("login-password").FillAsync("definitely-not-" + platform.Ann.Password);
            await page.GetByTestId("login-submit").ClickAsync();

            await Expect(page.GetByTestId("login-error")).ToContainTextAsync(problem!.Detail!);
            await Expect(page.GetByTestId("current-user")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("login-submit")).ToBeEnabledAsync();
        });
    }

    private sealed record Problem(string? Title, int? Status, string? Detail);
}
