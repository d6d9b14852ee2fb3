using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Platform.Host.Cluster;

/// <summary>
/// The URL other nodes (the gateway) reach this node at. Kestrel reports what it bound, and a wildcard
/// (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>) is no address anyone else can dial: on another machine
/// "0.0.0.0" means itself. So a wildcard becomes this machine's first up, non-loopback IPv4 address.
/// <c>Platform:Cluster:AdvertisedUrl</c> overrides all of it (NAT, several networks, a DNS name).
/// </summary>
internal static class AdvertisedAddress
{
    public static string Choose(string? configured, IEnumerable<string> bound, Func<IPAddress?> machineAddress)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.TrimEnd('/');
        // Plain http first: the gateway talks to nodes inside the cluster network.
        var first = bound.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault();
        if (first is null)
            return "http://127.0.0.1";
        // Kestrel's wildcard forms are not valid URI hosts ("http://+:80", "http://*:80"): swap them first.
        var parsable = first.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri))
            return first.TrimEnd('/');
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var host) || !(host.Equals(IPAddress.Any) || host.Equals(IPAddress.IPv6Any)))
            return first.TrimEnd('/');
        var address = machineAddress() ?? IPAddress.Loopback;
        var hostText = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"{uri.Scheme}://{hostText}:{uri.Port}";
    }

    /// <summary>The first IPv4 address of an interface that is up and not loopback, or null.</summary>
    public static IPAddress? FirstMachineAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
