using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Hosting;

/// <summary>
/// A node believes X-Forwarded-For/Proto only from a known proxy (loopback by default: the gateway beside it).
/// Seen through what depends on them: the per-client rate limit of anonymous callers (keyed by client address) and
/// the Secure flag of the session cookie (set when the request was https).
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.LowLimitApp app) : IClassFixture<ForwardedHeadersTests.LowLimitApp>
{
    public sealed class LowLimitApp : PlatformApp
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["Platform:RateLimit:PermitLimit"] = "3",
        };
    }

    private static readonly IPAddress Gateway = IPAddress.Loopback;
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.9");

    private async Task<HttpContext> SendAsync(IPAddress from, string? forwardedFor = null, string? forwardedProto = null,
        string method = "GET", string path = "/api/v1/setup", string query = "", object? json = null)
    {
        return await app.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Request.QueryString = new QueryString(query);
            c.Connection.RemoteIpAddress = from;
            if (forwardedFor is not null)
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            if (forwardedProto is not null)
                c.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            if (json is not null)
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(json);
                c.Request.ContentType = "application/json";
                c.Request.ContentLength = body.Length;
                c.Request.Body = new MemoryStream(body);
                // The test server decides "has a body" before this callback runs; tell it again.
                c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
            }
        });
    }

    private static int Remaining(HttpContext context) => int.Parse(context.Response.Headers["RateLimit-Remaining"].ToString(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Behind_the_gateway_each_forwarded_client_has_its_own_budget_but_a_stranger_cannot_pick_one()
    {
        // Through the gateway: the client named in X-Forwarded-For is the caller.
        Assert.Equal(2, Remaining(await SendAsync(Gateway, forwardedFor: "198.51.100.1")));
        Assert.Equal(1, Remaining(await SendAsync(Gateway, forwardedFor: "198.51.100.1")));
        Assert.Equal(2, Remaining(await SendAsync(Gateway, forwardedFor: "198.51.100.2")));

        // Straight from the internet: the header is ignored, so a new made-up address every time buys nothing.
        Assert.Equal(2, Remaining(await SendAsync(Stranger, forwardedFor: "198.51.100.3")));
        Assert.Equal(1, Remaining(await SendAsync(Stranger, forwardedFor: "198.51.100.4")));
        Assert.Equal(0, Remaining(await SendAsync(Stranger, forwardedFor: "198.51.100.5")));
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(Stranger, forwardedFor: "198.51.100.6")).Response.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_Secure_when_the_gateway_says_https_and_not_when_a_stranger_claims_it()
    {
        var org = await app.CreateOrganizationAsync();
        var credentials = new { email = org.Admin.Email, password = PlatformApp.AdminPassword };

        var viaGateway = await SendAsync(Gateway, forwardedFor: "198.51.100.20", forwardedProto: "https",
            method: "POST", path: "/api/v1/auth/login", query: "?useCookies=true", json: credentials);
        Assert.Equal(StatusCodes.Status200OK, viaGateway.Response.StatusCode);
        Assert.Contains("secure", viaGateway.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);

        var claimed = await SendAsync(IPAddress.Parse("203.0.113.21"), forwardedProto: "https",
            method: "POST", path: "/api/v1/auth/login", query: "?useCookies=true", json: credentials);
        Assert.Equal(StatusCodes.Status200OK, claimed.Response.StatusCode);
        Assert.DoesNotContain("secure", claimed.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }
}
