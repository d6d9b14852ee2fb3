using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.IntegrationTests.Hosting;
using Platform.IntegrationTests.Infrastructure;
using Platform.LocalResources;

namespace Platform.IntegrationTests.Observability;

/// <summary>
/// On the internet-facing gateway node: /metrics is its own, guarded endpoint (never proxied), clients from
/// IHttpClientFactory get the standard resilience pipeline, and YARP's forwarder does not (it has its own rules).
/// </summary>
public sealed class GatewayDefaultsTests(GatewayTests.GatewayApp gateway) : IClassFixture<GatewayTests.GatewayApp>
{
    [Fact]
    public async Task The_gateway_refuses_metrics_to_an_internet_client_instead_of_proxying_the_path()
    {
        var (status, contentType, body) = await Scrape.GetAsync(gateway.Server, Scrape.Stranger);
        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        Assert.Contains("Platform:Metrics:Token", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // From loopback the gateway's own metrics, the refused scrape among them.
        await Scrape.UntilAsync(gateway.Server, m => Scrape.Sum(m, "http_server_request_duration_seconds_count", "http_response_status_code=\"403\"") >= 1,
            "the refused scrape");
    }

    [Fact]
    public async Task A_factory_client_retries_a_GET_that_met_503s_but_never_a_POST()
    {
        await using var server = await FlakyServer.StartAsync(failures: 2);
        var client = gateway.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        using var get = await client.GetAsync(server.Address + "/probe");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(3, server.Requests);

        server.Reset(failures: 2);
        using var post = await client.PostAsync(server.Address + "/hook", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task The_forwarder_passes_a_nodes_503_through_after_one_attempt()
    {
        await using var node = await FlakyServer.StartAsync(failures: int.MaxValue);
        await using (var connection = new NpgsqlConnection(gateway.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                DELETE FROM platform.nodes WHERE NOT ('gateway' = ANY(roles));
                INSERT INTO platform.nodes (id, roles, address, version, started_at, last_heartbeat_at, cpu_percent, in_flight_requests, open_streams, memory_bytes)
                VALUES ('overloaded', '{web}', @address, '0.1.0', now(), now(), 1, 0, 0, 1)
                """, connection);
            command.Parameters.AddWithValue("address", node.Address);
            await command.ExecuteNonQueryAsync();
        }
        await gateway.RefreshRoutesAsync();

        using var client = gateway.CreateClient();
        using var response = await client.GetAsync("/api/v1/tasks");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType); // the node's answer, not the gateway's
        // The standard resilience handler would have tried 4 times.
        Assert.Equal(1, node.Requests);
    }

    /// <summary>A server that answers 503 to its first requests, then 200.</summary>
    private sealed class FlakyServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;
        private int _failures;

        private FlakyServer(WebApplication app, string address, int failures)
        {
            _app = app;
            Address = address;
            _failures = failures;
        }

        public string Address { get; }
        public int Requests => Volatile.Read(ref _requests);

        public void Reset(int failures)
        {
            Volatile.Write(ref _failures, failures);
            Volatile.Write(ref _requests, 0);
        }

        public static async Task<FlakyServer> StartAsync(int failures)
        {
            var port = PortAllocator.GetFreeTcpPort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var server = new FlakyServer(app, $"http://127.0.0.1:{port}", failures);
            // The gateway's active probes (if any run) find the node healthy and are not counted.
            app.MapGet("/health/ready", () => "Healthy");
            app.Map("/{**path}", (HttpContext context) =>
            {
                var attempt = Interlocked.Increment(ref server._requests);
                context.Response.StatusCode = attempt <= Volatile.Read(ref server._failures) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
                return Task.CompletedTask;
            });
            await app.StartAsync();
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
