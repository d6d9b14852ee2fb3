using System.Net;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Hosting;

public sealed class RateLimitTests(RateLimitTests.SmallBudgetApp app) : IClassFixture<RateLimitTests.SmallBudgetApp>
{
    public sealed class SmallBudgetApp : PlatformApp
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["Platform:RateLimit:PermitLimit"] = "5",
            ["Platform:RateLimit:Window"] = "00:10:00",
        };
    }

    [Fact]
    public async Task A_user_over_the_budget_gets_429_with_standard_headers_while_others_are_unaffected()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();

        HttpResponseMessage last = null!;
        var remaining = new List<int>();
        for (var i = 0; i < 8 && (last is null || last.StatusCode != HttpStatusCode.TooManyRequests); i++)
        {
            last = await member.Client.GetAsync("/api/v1/tasks");
            remaining.Add(int.Parse(last.Headers.GetValues("RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("5", last.Headers.GetValues("RateLimit-Limit").Single());
        }

        var problem = await Http.ProblemAsync(last, HttpStatusCode.TooManyRequests);
        Assert.Contains("5 requests per 10 minutes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 600);
        Assert.Equal(remaining.OrderByDescending(r => r), remaining); // counts down
        Assert.Equal(0, remaining[^1]);

        // Another user has a budget of their own.
        var other = await org.AddMemberAsync();
        await Http.EnsureStatusAsync(await other.Client.GetAsync("/api/v1/tasks"), HttpStatusCode.OK);
        // Health endpoints are never limited.
        await Http.EnsureStatusAsync(await member.Client.GetAsync("/health/live"), HttpStatusCode.OK);
    }
}
