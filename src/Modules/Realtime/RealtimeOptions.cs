using Platform.Modules.Realtime.Fanout;

namespace Platform.Modules.Realtime;

/// <summary>Settings under <c>Platform:Realtime</c>.</summary>
internal sealed class RealtimeOptions
{
    /// <summary>How long events are kept for clients that reconnect with Last-Event-ID.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Keep-alive comment interval; proxies close idle streams otherwise.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often each dispatcher reads <c>realtime.events</c> whatever it was told: the safety net that bounds the
    /// delay of a push whose notice (NOTIFY or NATS message) was lost.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Resolved from <c>Platform:Realtime:Fanout</c> and the connection strings (see <see cref="FanoutModes"/>).</summary>
    internal FanoutMode Fanout { get; set; }
}
