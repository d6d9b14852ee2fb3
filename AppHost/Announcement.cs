using System.Diagnostics;
using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.Configuration;
using Platform.AppHost.Resources;
using Platform.AppHost.Topologies;

namespace Platform.AppHost;

/// <summary>
/// What the AppHost prints once the entry node is healthy (after every dependency it waits for): where to open the
/// product, how to get in (the one-time setup token on a first run), every node, and the dashboard with its login.
/// Lines start with "[apphost]" so they stand out among Aspire's own log lines (and tests can find them).
/// </summary>
internal static class Announcement
{
    private sealed record SetupStatus(bool SetupRequired);

    public static void Register(IDistributedApplicationBuilder builder, PlatformEntryPoint platform, string setupToken, MailResources.DevMail mail)
    {
        var sinceStart = Stopwatch.StartNew();
        var entryUrl = new Uri(EndpointUrl(platform.Entry) + "/");
        builder.Eventing.Subscribe<ResourceReadyEvent>(platform.Entry.Resource, async (_, ct) =>
        {
            var login = await DescribeLoginAsync(entryUrl, new Uri(EndpointUrl(platform.SetupProbe) + "/"), setupToken, ct);
            Console.WriteLine($"[apphost] ready in {sinceStart.Elapsed.TotalSeconds:0.0} s");
            foreach (var node in platform.Nodes.Where(n => n != platform.Entry))
            {
                Console.WriteLine($"[apphost] node {node.Resource.Name}: {EndpointUrl(node)}/");
            }

            Console.WriteLine($"[apphost] {login}");
            // Enough to connect the development mailbox as a mail integration and write to it (docs/mail.md).
            Console.WriteLine($"[apphost] mail: write to {mail.Server.Address(MailResources.MailboxUser)} through SMTP 127.0.0.1:{mail.Server.SmtpPort} "
                + $"(no login); its mailbox is IMAP 127.0.0.1:{mail.Server.ImapPort}, security none, user {MailResources.MailboxUser}, password {mail.Password}");
            Console.WriteLine($"[apphost] dashboard: {DashboardLogin(builder.Configuration)}");
            Console.WriteLine($"[apphost] open {entryUrl}");
        });
    }

    private static string EndpointUrl(IResourceBuilder<ProjectResource> node)
    {
        var endpoint = node.Resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");
        return $"http://127.0.0.1:{endpoint.Port}";
    }

    /// <summary>The dashboard's first URL with its browser token (a fresh one per run, as Aspire prints it too).</summary>
    private static string DashboardLogin(ConfigurationManager configuration)
    {
        var url = (configuration["ASPNETCORE_URLS"] ?? "http://localhost:18888").Split(';')[0].TrimEnd('/');
        return configuration["AppHost:BrowserToken"] is { Length: > 0 } token ? $"{url}/login?t={token}" : url;
    }

    private static async Task<string> DescribeLoginAsync(Uri baseUrl, Uri probeUrl, string setupToken, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = probeUrl, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var status = await client.GetFromJsonAsync<SetupStatus>("api/v1/setup", ct);
            return status is { SetupRequired: true }
                ? $"first run: open {baseUrl} and enter setup token {setupToken}"
                : "log in with your organisation's admin";
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException
                                   && !ct.IsCancellationRequested)
        {
            return $"could not read GET /api/v1/setup ({ex.Message}); if this is a first run, the setup token is {setupToken}";
        }
    }
}
