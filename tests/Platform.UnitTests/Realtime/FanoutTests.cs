using System.Text;
using Microsoft.Extensions.Configuration;
using Platform.Modules.Realtime.Data;
using Platform.Modules.Realtime.Fanout;

namespace Platform.UnitTests.Realtime;

public sealed class FanoutTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void Auto_picks_NATS_when_it_is_configured_NOTIFY_for_a_bus_without_it_and_in_process_for_one_node()
    {
        Assert.Equal(FanoutMode.Nats, FanoutModes.Resolve(Config(("ConnectionStrings:Nats", "nats://127.0.0.1:4222"), ("ConnectionStrings:RabbitMq", "amqp://x/"))));
        Assert.Equal(FanoutMode.Notify, FanoutModes.Resolve(Config(("ConnectionStrings:RabbitMq", "amqp://x/"))));
        Assert.Equal(FanoutMode.InProcess, FanoutModes.Resolve(Config()));
        Assert.Equal(FanoutMode.Notify, FanoutModes.Resolve(Config(("Platform:Realtime:Fanout", "NOTIFY"), ("ConnectionStrings:Nats", "nats://n:4222"))));
    }

    [Fact]
    public void A_forced_NATS_mode_without_a_server_or_an_unknown_mode_stops_the_node_with_a_reason()
    {
        var noServer = Assert.Throws<InvalidOperationException>(() => FanoutModes.Resolve(Config(("Platform:Realtime:Fanout", "nats"))));
        Assert.Contains("ConnectionStrings:Nats", noServer.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<InvalidOperationException>(() => FanoutModes.Resolve(Config(("Platform:Realtime:Fanout", "kafka"))));
        Assert.Contains("auto, inprocess, notify or nats", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_travels_with_its_ids_and_users_and_foreign_messages_on_the_subject_are_ignored()
    {
        var (ann, bob) = (Guid.NewGuid(), Guid.NewGuid());
        IReadOnlyList<StoredEvent> rows = [new(41, ann, "task.commented", """{"taskId":"x"}"""), new(42, bob, "task.commented", """{"taskId":"x"}""")];

        var read = NatsEventBatch.TryRead(NatsEventBatch.Write(rows));

        Assert.Equal(rows, read);
        Assert.Null(NatsEventBatch.TryRead(Encoding.UTF8.GetBytes("hello")));
        Assert.Null(NatsEventBatch.TryRead(Encoding.UTF8.GetBytes("""{"Type":"t","Payload":"{}","Ids":[1,2],"Users":[]}""")));
    }
}
