using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Observability;

/// <summary>
/// Every node serves Prometheus text at /metrics from the same OpenTelemetry meters that go to OTLP,
/// and only to loopback, Platform:Metrics:AllowedNetworks or a bearer of Platform:Metrics:Token.
/// </summary>
public sealed class MetricsEndpointTests(MetricsEndpointTests.TokenApp app) : IClassFixture<MetricsEndpointTests.TokenApp>
{
    public const string Token = "scrape-token-for-tests";

    public sealed class TokenApp : PlatformApp
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["Platform:Metrics:Token"] = Token,
        };
    }

    private const string RequestDuration = "http_server_request_duration_seconds";
    private const string NodeRoute = "http_route=\"/health/node\"";
    private const string Get = "http_request_method=\"GET\"";
    private const string Ok = "http_response_status_code=\"200\"";

    [Fact]
    public async Task A_scrape_counts_a_request_the_test_just_made_in_the_request_duration_histogram()
    {
        var before = Scrape.Sum(await Scrape.MetricsAsync(app.Server), RequestDuration + "_count", NodeRoute, Get, Ok);

        using var client = app.CreateClient();
        await Http.EnsureStatusAsync(await client.GetAsync("/health/node"), HttpStatusCode.OK);

        // The server records the duration as the request ends, which may be just after the client has
        // the response: wait for it. Other test hosts in this process make the same meters; their
        // requests are not this node's and must not be counted here (nothing else calls this host).
        var metrics = await Scrape.UntilAsync(app.Server, m =>
            Scrape.Sum(m, RequestDuration + "_count", NodeRoute, Get, Ok) >= before + 1,
            "a new GET /health/node");
        Assert.Equal(before + 1, Scrape.Sum(metrics, RequestDuration + "_count", NodeRoute, Get, Ok));
        // A real histogram: buckets up to +Inf for that route, and a sum of durations.
        Assert.True(Scrape.Sum(metrics, RequestDuration + "_bucket", NodeRoute, "le=\"+Inf\"") >= before + 1);
        Assert.True(Scrape.Sum(metrics, RequestDuration + "_sum", NodeRoute) > 0);
    }

    [Fact]
    public async Task The_outbox_lag_of_a_created_task_and_the_runtime_and_database_meters_are_scraped()
    {
        var org = await app.CreateOrganizationAsync();
        var before = Scrape.Sum(await Scrape.MetricsAsync(app.Server), "platform_outbox_lag_seconds_count", "platform_outbox_schema=\"tasks\"");
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "Measured" }), HttpStatusCode.Created);

        var metrics = await Scrape.UntilAsync(app.Server,
            m => Scrape.Sum(m, "platform_outbox_lag_seconds_count", "platform_outbox_schema=\"tasks\"") >= before + 1,
            "the relay's publication of the task's event");
        Assert.Contains("\ndotnet_gc_collections_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("\ndb_client_operation_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scrape_from_another_network_gets_a_problem_not_metrics()
    {
        var (status, contentType, body) = await Scrape.GetAsync(app.Server, Scrape.Stranger);

        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        Assert.Contains("Platform:Metrics:AllowedNetworks", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("http_server", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_forwarded_by_the_gateway_is_judged_by_its_own_address()
    {
        // Loopback is the gateway here (a known proxy); the client it names is a stranger.
        var (status, _, _) = await Scrape.GetAsync(app.Server, Scrape.Loopback, forwardedFor: Scrape.Stranger.ToString());
        Assert.Equal(StatusCodes.Status403Forbidden, status);
    }

    [Fact]
    public async Task A_scraper_elsewhere_is_served_with_the_token_and_refused_with_another()
    {
        var (served, _, metrics) = await Scrape.GetAsync(app.Server, Scrape.Stranger, bearer: Token);
        Assert.Equal(StatusCodes.Status200OK, served);
        Assert.Contains("# TYPE ", metrics, StringComparison.Ordinal);

        var (refused, _, _) = await Scrape.GetAsync(app.Server, Scrape.Stranger, bearer: Token + "x");
        Assert.Equal(StatusCodes.Status403Forbidden, refused);
    }
}
