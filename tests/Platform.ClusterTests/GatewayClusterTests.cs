using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Platform.IntegrationTests.Realtime;
using Platform.LocalResources;
using Xunit.Abstractions;

namespace Platform.ClusterTests;

/// <summary>The gateway in front of real nodes: TLS termination, event streams through it, nodes leaving cleanly.</summary>
[Collection(ClusterGroup.Name)]
public sealed class GatewayClusterTests(ClusterFixture cluster, ITestOutputHelper output)
{
    // Generous: a deadline for a condition, met in well under a second on an idle machine.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_gateway_with_a_certificate_terminates_TLS_streams_events_and_tells_nodes_the_request_was_https()
    {
        var certificateFolder = Path.Combine(Path.GetTempPath(), "platform-tls-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(certificateFolder);
        try
        {
            using var certificate = SelfSignedCertificate();
            var pfx = Path.Combine(certificateFolder, "gateway.pfx");
            const string password = "tls-test-password";
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, password));

            var gateway = await cluster.StartExtraNodeAsync("gateway-tls", new Dictionary<string, string?>
            {
                ["Kestrel__Certificates__Default__Path"] = pfx,
                ["Kestrel__Certificates__Default__Password"] = password,
            }, roles: "gateway", httpsPort: PortAllocator.GetFreeTcpPort());
            await cluster.WaitForGatewayDestinationsAsync(2, gateway);

            // A client that trusts exactly this certificate, as a browser trusts the company's.
            using var handler = new HttpClientHandler
            {
                UseCookies = false,
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            };
            using var https = new HttpClient(handler) { BaseAddress = gateway.HttpsUrl, Timeout = TimeSpan.FromSeconds(30) };

            // Browser sign-in over https: the web node behind the gateway saw the request as https (X-Forwarded-Proto,
            // trusted from the gateway), so the session cookie is marked Secure. Over plain http it is not.
            var secure = await SessionCookieAsync(https);
            Assert.Contains("secure", secure.Split(';', StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
            using var plainHandler = new HttpClientHandler { UseCookies = false };
            using var plain = new HttpClient(plainHandler) { BaseAddress = cluster.Gateway.Url };
            var notSecure = await SessionCookieAsync(plain);
            Assert.DoesNotContain("secure", notSecure.Split(';', StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);

            // An event stream through the TLS gateway gets a comment made on a web node as it happens.
            var taskId = await CreateTaskForBobAsync("Over TLS");
            https.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.AnnToken);
            await using var stream = await SseClient.OpenAsync(https);
            using var bobOnWeb1 = ClusterFixture.ClientFor(cluster.Web1, cluster.BobToken);
            var clock = Stopwatch.StartNew();
            var comment = await bobOnWeb1.PostAsJsonAsync($"/api/v1/tasks/{taskId}/comments", new { text = "through TLS" });
            Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
            var commentId = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var received = await stream.NextOfTypeAsync("task.commented", Wait);
            Assert.Equal(commentId, JsonDocument.Parse(received.Data).RootElement.GetProperty("commentId").GetGuid());
            output.WriteLine($"comment → event on the TLS gateway's stream: {clock.ElapsedMilliseconds} ms");
        }
        finally
        {
            Directory.Delete(certificateFolder, recursive: true);
        }
    }

    [Fact]
    public async Task A_node_that_stops_cleanly_leaves_the_registry_at_once_and_no_request_fails()
    {
        var leaving = await cluster.StartExtraNodeAsync("web-leaving");
        await cluster.WaitForGatewayDestinationsAsync(3);
        var taskId = await CreateTaskForBobAsync("Rolling restart");
        Assert.Equal(1, await RegistryRowsAsync("web-leaving"));

        // Steady traffic through the gateway, reads and plain (unkeyed) writes, while the node stops.
        using var ann = cluster.GatewayClient(cluster.AnnToken);
        var failures = new List<string>();
        var posts = new List<string>();
        using var stop = new CancellationTokenSource();
        var completed = 0;
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++, Interlocked.Increment(ref completed))
            {
                var get = await ann.GetAsync($"/api/v1/tasks/{taskId}");
                if (get.StatusCode != HttpStatusCode.OK)
                    failures.Add($"GET {(int)get.StatusCode}: {await get.Content.ReadAsStringAsync()}");
                if (i % 4 == 0)
                {
                    var text = $"write {i}";
                    var post = await ann.PostAsJsonAsync($"/api/v1/tasks/{taskId}/comments", new { text });
                    if (post.StatusCode == HttpStatusCode.Created)
                        posts.Add(text);
                    else
                        failures.Add($"POST {(int)post.StatusCode}: {await post.Content.ReadAsStringAsync()}");
                }
                await Task.Delay(10);
            }
        });

        // Traffic is flowing (counted, not timed: a busy machine sends fewer requests per second)…
        await WaitForRequestsAsync(() => Volatile.Read(ref completed), 20);
        var clock = Stopwatch.StartNew();
        await leaving.StopAsync();
        output.WriteLine($"clean stop took {clock.ElapsedMilliseconds} ms");
        Assert.Equal(0, leaving.ExitCode);
        // Deregistered on the way out, not left to time out.
        Assert.Equal(0, await RegistryRowsAsync("web-leaving"));
        // …and keeps flowing past the stop, through the gateway's next registry read, before it is judged.
        var afterStop = Volatile.Read(ref completed);
        await WaitForRequestsAsync(() => Volatile.Read(ref completed) - afterStop, 60);
        await stop.CancelAsync();
        await traffic;

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        var task = await ann.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{taskId}");
        var stored = task.GetProperty("comments").EnumerateArray()
            .Where(c => c.GetProperty("kind").GetString() == "comment")
            .Select(c => c.GetProperty("text").GetString()!).ToList();
        Assert.Equal(posts.Order(), stored.Order());
        output.WriteLine($"{posts.Count} writes acknowledged during the stop, all stored once");
    }

    private static async Task WaitForRequestsAsync(Func<int> count, int atLeast)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (count() < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {count()} of {atLeast} requests completed within {Wait.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }

    private async Task<Guid> CreateTaskForBobAsync(string title)
    {
        using var ann = cluster.GatewayClient(cluster.AnnToken);
        var response = await ann.PostAsJsonAsync("/api/v1/tasks", new { title, assigneeId = cluster.BobId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<string> SessionCookieAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = "ann@cluster.test", password = ClusterFixture.Password });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("platform.auth=", StringComparison.Ordinal));
    }

    private async Task<long> RegistryRowsAsync(string nodeId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM platform.nodes WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", nodeId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=platform-gateway.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
