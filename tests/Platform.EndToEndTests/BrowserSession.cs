using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests;

/// <summary>
/// The browser side of one test: isolated contexts (one per person, so separate cookies), their pages, and what the
/// pages logged. When the test body fails, every page is photographed into artifacts/e2e and the failure message gets
/// the browser console and the host's recent output.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<(string Name, IBrowserContext Context, IPage Page, List<string> Console)> _pages = [];
    private readonly PlatformFixture _platform;
    private readonly string _testName;

    public BrowserSession(PlatformFixture platform, string testName)
    {
        _platform = platform;
        _testName = testName;
        // Screenshots are named after the test: drop those of an earlier run so none is mistaken for this run's.
        if (Directory.Exists(Repository.ArtifactsDirectory))
        {
            foreach (var old in Directory.GetFiles(Repository.ArtifactsDirectory, testName + "-*.png"))
                File.Delete(old);
        }
    }

    /// <summary>A new browser context (a person on their own machine) with one page on the app's origin.</summary>
    public async Task<IPage> OpenPageAsync(string name)
    {
        var context = await _platform.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _platform.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => Record(console, $"console.{message.Type}: {message.Text} ({message.Location})");
        page.PageError += (_, error) => Record(console, $"page error: {error}");
        page.RequestFailed += (_, request) => Record(console, $"request failed: {request.Method} {request.Url} ({request.Failure})");
        _pages.Add((name, context, page, console));
        return page;
    }

    /// <summary>Signs in through the login form and waits until the app shows the signed-in user.</summary>
    public static async Task LogInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/");
        await page.GetByTestId("login-email").FillAsync(user.Email);
        await page.GetByTestId("login-password").FillAsync(user.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(user.DisplayName);
    }

    /// <summary>Runs the test body; on failure adds screenshots, browser console and host output to the error.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            var evidence = await CollectEvidenceAsync();
            throw new EndToEndFailureException($"{ex.Message}{Environment.NewLine}{evidence}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, context, _, _) in _pages)
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // The browser is already gone; the fixture closes it anyway.
            }
        }

        _pages.Clear();
    }

    private async Task<string> CollectEvidenceAsync()
    {
        var text = new StringBuilder();
        Directory.CreateDirectory(Repository.ArtifactsDirectory);
        foreach (var (name, _, page, console) in _pages)
        {
            var file = Path.Combine(Repository.ArtifactsDirectory, $"{_testName}-{name}.png");
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 10_000 });
                text.AppendLine(CultureInfo.InvariantCulture, $"--- page '{name}' at {page.Url}: screenshot {file}");
            }
            catch (Exception shotFailure) when (shotFailure is PlaywrightException or TimeoutException)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"--- page '{name}' at {page.Url}: no screenshot ({shotFailure.Message})");
            }

            lock (console)
            {
                foreach (var line in console.TakeLast(30))
                    text.AppendLine(line);
            }
        }

        text.Append(_platform.RecentHostOutput);
        return text.ToString();
    }

    private static void Record(List<string> console, string line)
    {
        lock (console)
            console.Add(line);
    }
}
