namespace Platform.LocalResources;

/// <summary>
/// Where Debian's RabbitMQ scripts live (package rabbitmq-server). We call the scripts in
/// <c>/usr/lib/rabbitmq/bin</c> directly, not the <c>/usr/sbin</c> wrappers: those <c>su</c> to the
/// <c>rabbitmq</c> user, reset HOME (so the Erlang cookie would be the system one) and send the
/// server's output to <c>/var/log/rabbitmq</c>.
/// </summary>
public static class RabbitMqBinaries
{
    public const string PreferredDirectory = "/usr/lib/rabbitmq/bin";
    private static readonly string[] Tools = ["rabbitmq-server", "rabbitmqctl", "rabbitmq-diagnostics"];

    /// <summary>What to run, as root, on a fresh Debian 12 machine (policy-rc.d keeps apt from starting the system node).</summary>
    public const string InstallCommand =
        "printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && " +
        "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y rabbitmq-server";

    /// <summary>The folder holding rabbitmq-server, rabbitmqctl and rabbitmq-diagnostics, or null when not installed.</summary>
    public static string? TryLocate() =>
        Tools.All(tool => File.Exists(Path.Combine(PreferredDirectory, tool)))
        && (File.Exists("/usr/bin/epmd") || File.Exists("/usr/lib/erlang/bin/epmd"))
            ? PreferredDirectory
            : null;

    /// <summary>The scripts folder, or a <see cref="PrerequisiteMissingException"/> naming the apt command.</summary>
    public static string Locate() =>
        TryLocate() ?? throw new PrerequisiteMissingException(
            $"RabbitMQ was not found in {PreferredDirectory} (Debian package rabbitmq-server).", InstallCommand);

    /// <summary>epmd, the Erlang port mapper (package erlang-base, a dependency of rabbitmq-server).</summary>
    internal static string Epmd => File.Exists("/usr/bin/epmd") ? "/usr/bin/epmd" : "/usr/lib/erlang/bin/epmd";
}
