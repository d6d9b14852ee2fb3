using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

/// <summary>
/// The Prometheus scrape endpoint, <c>/metrics</c>, on every node. Metrics name routes, node
/// load and internal timings, so they are not for the internet: a scrape is answered only from
/// <c>Platform:Metrics:AllowedNetworks</c> (CIDR ranges, loopback by default) or with
/// <c>Authorization: Bearer</c> and <c>Platform:Metrics:Token</c>; anyone else gets a 403 problem.
/// The address checked is the one after forwarded headers, so a client behind the gateway is
/// judged by its own address, never the gateway's.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";
    public const string AllowedNetworksKey = "Platform:Metrics:AllowedNetworks";
    public const string TokenKey = "Platform:Metrics:Token";

    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        var access = MetricsAccess.From(app.Configuration);
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (access.Allows(context))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Forbidden",
                    Detail = $"Metrics are served only to the networks in {AllowedNetworksKey} (loopback unless set) or to a scraper sending the token of {TokenKey} as a bearer token.",
                },
            });
        }), optionsName: null).AllowAnonymous();
        return app;
    }

    private sealed class MetricsAccess(IReadOnlyList<IPNetwork> networks, byte[]? tokenHash)
    {
        private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

        public static MetricsAccess From(IConfiguration configuration)
        {
            var configured = (configuration[AllowedNetworksKey] ?? "")
                .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(IPNetwork.Parse)
                .ToList();
            var token = configuration[TokenKey];
            return new MetricsAccess(configured.Count > 0 ? configured : Loopback,
                string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        }

        public bool Allows(HttpContext context)
        {
            if (tokenHash is not null && BearerToken(context) is { } presented &&
                // Hashes, so the comparison takes the same time whatever the length of the guess.
                CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), tokenHash))
                return true;
            var address = context.Connection.RemoteIpAddress;
            if (address is null)
                return false;
            if (address.IsIPv4MappedToIPv6)
                address = address.MapToIPv4();
            return networks.Any(n => n.Contains(address));
        }

        private static string? BearerToken(HttpContext context)
        {
            var header = context.Request.Headers.Authorization.ToString();
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        }
    }
}
