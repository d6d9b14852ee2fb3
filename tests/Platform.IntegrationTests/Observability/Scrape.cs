using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Platform.IntegrationTests.Observability;

/// <summary>Reads a node's <c>/metrics</c> as a given caller and picks series out of the Prometheus text.</summary>
internal static class Scrape
{
    public static readonly IPAddress Loopback = IPAddress.Loopback;
    public static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.9");

    public static async Task<(int Status, string ContentType, string Body)> GetAsync(TestServer server, IPAddress from,
        string? bearer = null, string? forwardedFor = null)
    {
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = from;
            if (bearer is not null)
                c.Request.Headers.Authorization = $"Bearer {bearer}";
            if (forwardedFor is not null)
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, context.Response.ContentType ?? "", await reader.ReadToEndAsync());
    }

    public static async Task<string> MetricsAsync(TestServer server)
    {
        var (status, _, body) = await GetAsync(server, Loopback);
        Assert.True(status == StatusCodes.Status200OK, $"/metrics answered {status}: {body}");
        return body;
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds (15 s at most, then fails naming <paramref name="what"/>).</summary>
    public static async Task<string> UntilAsync(TestServer server, Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var metrics = await MetricsAsync(server);
            if (condition(metrics))
                return metrics;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what} is not in:\n{metrics}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The value of the series <paramref name="name"/> whose labels include every one of <paramref name="labels"/>,
    /// summed over the other labels (status codes, scope attributes); 0 when there is none yet.
    /// </summary>
    public static double Sum(string metrics, string name, params string[] labels) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            .Sum(line => double.Parse(Regex.Match(line, @"\}\s+(\S+)").Groups[1].Value, CultureInfo.InvariantCulture));
}
