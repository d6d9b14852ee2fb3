namespace Platform.Modules.Realtime;

/// <summary>Settings under <c>Platform:Realtime</c>.</summary>
internal sealed class RealtimeOptions
{
    /// <summary>How long events are kept for clients that reconnect with Last-Event-ID.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Keep-alive comment interval; proxies close idle streams otherwise.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Fallback poll when no NOTIFY arrives.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
