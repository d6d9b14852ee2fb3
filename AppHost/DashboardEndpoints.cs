using System.Globalization;

namespace Platform.AppHost;

/// <summary>
/// The dashboard's endpoints over plain HTTP on loopback. Without them Aspire looks for the ASP.NET Core developer
/// certificate and exits 134 when there is none (a fresh Debian machine has none). Set here rather than in
/// launchSettings.json so that `dotnet Platform.AppHost.dll` (the tests) and `dotnet run` behave alike, and so that
/// <c>--dashboard-port</c> can move them; a value already in the environment wins.
/// </summary>
internal static class DashboardEndpoints
{
    public static void Apply(int port)
    {
        Default("ASPNETCORE_URLS", Url(port));
        Default("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", Url(port + 1));
        Default("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", Url(port + 2));
        // Loopback only, development only: the dashboard still asks for its login token.
        Default("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true");
    }

    private static string Url(int port) => string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}");

    private static void Default(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
