namespace Platform.LocalResources.Tests;

public sealed class PortAllocatorTests
{
    [Fact]
    public void Port_ranges_are_consecutive_free_and_never_handed_out_twice()
    {
        // Enough ranges that, were handed-out ports not remembered, some would overlap (about 14 overlaps expected).
        var ranges = Enumerable.Range(0, 200).Select(_ => PortAllocator.GetFreeTcpPortRange(5)).ToList();

        var ports = ranges.SelectMany(first => Enumerable.Range(first, 5)).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.False(PortAllocator.IsInUse(port), $"port {port} is in use"));
        // Single ports handed out later stay out of the ranges too (a range covers ~8 % of the window: 200 tries).
        Assert.All(Enumerable.Range(0, 200).Select(_ => PortAllocator.GetFreeTcpPort()), port => Assert.DoesNotContain(port, ports));
    }
}
