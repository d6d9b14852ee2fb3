using System.Net;
using Xunit.Abstractions;

namespace Platform.LocalResources.Tests;

public sealed class S3rverServerTests(ITestOutputHelper output)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_private_server_starts_stores_objects_stops_and_leaves_nothing_running()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "s3");
        var port = PortAllocator.GetFreeTcpPort();
        int pid;
        await using (var server = new S3rverServer(dataDirectory, port))
        {
            await server.StartAsync(CancellationToken.None);
            output.WriteLine($"start: {server.LastStartDuration?.TotalSeconds:0.00} s");
            pid = server.ProcessId ?? throw new InvalidOperationException("no process after start");
            Assert.Equal($"http://127.0.0.1:{port}", server.ServiceUrl);
            Assert.Equal("S3RVER", S3rverServer.AccessKey);

            await SendAsync(HttpMethod.Put, $"{server.ServiceUrl}/bucket-a", null, HttpStatusCode.OK);
            await SendAsync(HttpMethod.Put, $"{server.ServiceUrl}/bucket-a/org/ab/object", "hello", HttpStatusCode.OK);
            Assert.Equal("hello", await Http.GetStringAsync($"{server.ServiceUrl}/bucket-a/org/ab/object"));
            Assert.True(Directory.Exists(Path.Combine(dataDirectory, "bucket-a")));

            await server.StopAsync();
            Assert.Null(server.ProcessId);
        }

        Assert.False(Directory.Exists($"/proc/{pid}"));
        Assert.False(PortAllocator.IsInUse(port));
        Assert.Empty(LiveProcesses.Mentioning(dataDirectory));
        Assert.False(File.Exists(dataDirectory + ".pid"));

        // The folder is the state: a new server on it serves the same objects.
        await using var again = new S3rverServer(dataDirectory, PortAllocator.GetFreeTcpPort());
        await again.StartAsync(CancellationToken.None);
        Assert.Equal("hello", await Http.GetStringAsync($"{again.ServiceUrl}/bucket-a/org/ab/object"));
        await again.DisposeAsync();
        Assert.Empty(LiveProcesses.Mentioning(dataDirectory));
    }

    [Fact]
    public async Task Disposing_without_stopping_stops_the_server()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "s3");
        var server = new S3rverServer(dataDirectory, PortAllocator.GetFreeTcpPort());
        await server.StartAsync(CancellationToken.None);
        Assert.NotEmpty(LiveProcesses.Mentioning(dataDirectory));

        await server.DisposeAsync();

        Assert.Empty(LiveProcesses.Mentioning(dataDirectory));
        Assert.False(PortAllocator.IsInUse(server.Port));
    }

    [Fact]
    public async Task Missing_npm_packages_fail_with_a_pointer_to_the_prerequisites_script()
    {
        using var temp = new TempDirectory();
        var tools = Path.Combine(temp.Path, "tools-s3rver");
        Directory.CreateDirectory(tools);
        File.Copy(Path.Combine(S3rverTool.LocateDirectory(), "server.js"), Path.Combine(tools, "server.js"));
        await using var server = new S3rverServer(Path.Combine(temp.Path, "s3"), PortAllocator.GetFreeTcpPort()) { ToolDirectory = tools };

        var error = await Assert.ThrowsAsync<PrerequisiteMissingException>(() => server.StartAsync(CancellationToken.None));

        Assert.Contains("scripts/prereqs.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains("node_modules", error.Message, StringComparison.Ordinal);
        Assert.Null(server.ProcessId);
    }

    private static async Task SendAsync(HttpMethod method, string url, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : new StringContent(body) };
        using var response = await Http.SendAsync(request);
        Assert.True(response.StatusCode == expected, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
