using System.Net;
using Platform.Host.Cluster;

namespace Platform.IntegrationTests.Hosting;

public sealed class AdvertisedAddressTests
{
    private static readonly IPAddress Machine = IPAddress.Parse("10.1.2.3");

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://10.1.2.3:8080")]
    [InlineData("http://[::]:8080", "http://10.1.2.3:8080")]
    [InlineData("http://+:8080", "http://10.1.2.3:8080")]
    [InlineData("http://*:8080", "http://10.1.2.3:8080")]
    [InlineData("http://127.0.0.1:8081", "http://127.0.0.1:8081")]
    [InlineData("http://node-7.dc1.example:8080", "http://node-7.dc1.example:8080")]
    public void A_wildcard_binding_is_advertised_as_the_machines_address_anything_else_as_bound(string bound, string advertised) =>
        Assert.Equal(advertised, AdvertisedAddress.Choose(null, [bound], () => Machine));

    [Fact]
    public void Plain_http_is_preferred_and_the_configured_url_wins()
    {
        Assert.Equal("http://10.1.2.3:8080", AdvertisedAddress.Choose(null, ["https://0.0.0.0:8443", "http://0.0.0.0:8080"], () => Machine));
        Assert.Equal("http://node-7.example:80", AdvertisedAddress.Choose("http://node-7.example:80/", ["http://0.0.0.0:8080"], () => Machine));
        Assert.Equal("http://127.0.0.1:8080", AdvertisedAddress.Choose(null, ["http://0.0.0.0:8080"], () => null));
    }
}
