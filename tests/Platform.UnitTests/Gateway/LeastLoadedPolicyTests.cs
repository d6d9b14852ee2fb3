using Microsoft.AspNetCore.Http;
using Platform.Gateway;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Platform.UnitTests.Gateway;

public sealed class LeastLoadedPolicyTests
{
    private readonly NodeLoadTable _loads = new();
    private readonly LeastLoadedPolicy _policy;
    private readonly DestinationState _a = Destination("node-a");
    private readonly DestinationState _b = Destination("node-b");

    public LeastLoadedPolicyTests() => _policy = new LeastLoadedPolicy(_loads);

    private static DestinationState Destination(string nodeId) =>
        new(nodeId, new DestinationModel(new DestinationConfig
        {
            Address = $"http://{nodeId}.test",
            Metadata = new Dictionary<string, string> { ["nodeId"] = nodeId },
        }));

    private static RegistryNode Node(string id, double cpu, int streams = 0) => new(id, ["web"], $"http://{id}.test", cpu, 0, streams);

    private DestinationState? Pick() =>
        ((Yarp.ReverseProxy.LoadBalancing.ILoadBalancingPolicy)_policy).PickDestination(new DefaultHttpContext(), null!, [_a, _b]);

    private void Hold(string nodeId, int count, bool stream)
    {
        for (var i = 0; i < count; i++)
            _loads.Local(nodeId).Track(stream);
    }

    [Fact]
    public void The_node_reporting_less_CPU_wins_and_the_choice_follows_the_reports()
    {
        _loads.Update([Node("node-a", 70), Node("node-b", 5)]);
        Assert.Same(_b, Pick());
        _loads.Update([Node("node-a", 5), Node("node-b", 70)]);
        Assert.Same(_a, Pick());
    }

    [Fact]
    public void Requests_in_flight_through_this_gateway_count_at_once_so_a_burst_spreads()
    {
        _loads.Update([Node("node-a", 60), Node("node-b", 5)]);
        Hold("node-b", 5, stream: false); // 5 + 50 = 55 < 60
        Assert.Same(_b, Pick());
        Hold("node-b", 1, stream: false); // 5 + 60 = 65 > 60
        Assert.Same(_a, Pick());
    }

    [Fact]
    public void Open_event_streams_weigh_little_so_they_do_not_drown_the_cpu_signal()
    {
        // Fifty browser tabs on a node at 30 % CPU still leave it less loaded than an idle-tabbed node at 60 %.
        _loads.Update([Node("node-a", 30), Node("node-b", 60)]);
        Hold("node-a", 50, stream: true);
        Assert.Same(_a, Pick());
        Assert.Equal(30 + 50 * LeastLoadedPolicy.StreamWeight, _policy.Score(_a), precision: 6);
    }

    [Fact]
    public void Streams_count_as_the_larger_of_the_nodes_report_and_this_gateways_own_count()
    {
        // node-b reports 400 streams (through all gateways): 40 points against node-a's 10 % CPU.
        _loads.Update([Node("node-a", 10), Node("node-b", 0, streams: 400)]);
        Assert.Same(_a, Pick());
        // A reconnect burst lands 200 streams on node-a before its next report: 10 + 20 = 30, still below 40.
        Hold("node-a", 200, stream: true);
        Assert.Same(_a, Pick());
        // 400 of them: 10 + 40 = 50 > 40, the burst moves on to node-b without waiting for a heartbeat.
        Hold("node-a", 200, stream: true);
        Assert.Same(_b, Pick());
    }

    [Fact]
    public void A_finished_request_is_released_once_even_if_disposed_twice()
    {
        var held = _loads.Local("node-a").Track(stream: false);
        var other = _loads.Local("node-a").Track(stream: false);
        held.Dispose();
        held.Dispose();
        Assert.Equal(1, _loads.Local("node-a").Requests);
        other.Dispose();
        Assert.True(_loads.Local("node-a").IsIdle);
    }

    [Fact]
    public void A_node_that_left_keeps_its_counters_only_while_something_of_its_is_open()
    {
        _loads.Update([Node("node-a", 0), Node("node-b", 0)]);
        var a = _loads.Local("node-a");
        var b = _loads.Local("node-b");
        var stream = a.Track(stream: true);
        _loads.Update([]);
        // node-a still has a stream open: the same counters carry on; idle node-b's were dropped.
        Assert.Same(a, _loads.Local("node-a"));
        Assert.NotSame(b, _loads.Local("node-b"));
        stream.Dispose();
        _loads.Update([]);
        Assert.NotSame(a, _loads.Local("node-a"));
    }

    [Fact]
    public void Event_streams_are_told_apart_by_what_the_client_accepts()
    {
        var stream = new DefaultHttpContext();
        stream.Request.Headers.Accept = "text/event-stream";
        var request = new DefaultHttpContext();
        request.Request.Headers.Accept = "application/json";
        Assert.True(LeastLoadedPolicy.IsEventStream(stream.Request));
        Assert.False(LeastLoadedPolicy.IsEventStream(request.Request));
    }
}
