namespace Platform.Host.Infrastructure;

/// <summary>This process's identity in the cluster: configured, or host name + a random suffix.</summary>
internal sealed class NodeIdentity(string? configured)
{
    public string Id { get; } = string.IsNullOrWhiteSpace(configured)
        ? $"{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}"
        : configured;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public string Version { get; } = typeof(NodeIdentity).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0";
}
