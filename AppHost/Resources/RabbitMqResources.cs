using System.Globalization;
using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.LocalResources;
using PortAllocator = Platform.LocalResources.PortAllocator;

namespace Platform.AppHost.Resources;

/// <summary>
/// RabbitMQ from Debian as executable resources, everything under one data folder: <c>rabbitmq-epmd</c> (the Erlang port
/// mapper on a private port, in the foreground: left to itself the broker would start it with <c>-daemon</c>, and a
/// daemon outlives DCP) and <c>rabbitmq</c> (<c>rabbitmq-server</c> in the foreground). <c>RUNNING_UNDER_SYSTEMD</c>
/// makes the script exec the Erlang VM instead of wrapping it in a shell that traps signals: DCP's process is the
/// broker, and its SIGTERM is RabbitMQ's graceful stop (durable queues kept). Private node name, cookie (HOME),
/// config, no plugins, /etc/rabbitmq shadowed: a system broker and other private nodes are never touched.
/// </summary>
internal static class RabbitMqResources
{
    private const string LoopbackOnly = "-kernel inet_dist_use_interface {127,0,0,1}";

    public static IResourceBuilder<ExecutableResource> AddRabbitMqServer(this IDistributedApplicationBuilder builder,
        string name, string dataDirectory, int amqpPort)
    {
        var bin = RabbitMqBinaries.TryLocate()
            ?? throw new InvalidOperationException($"RabbitMQ is not installed: {RabbitMqBinaries.InstallCommand}");
        var epmdPort = PortAllocator.GetFreeTcpPort();
        var distributionPort = PortAllocator.GetFreeTcpPort();
        var environment = PrepareFolder(dataDirectory, amqpPort, epmdPort, distributionPort);

        var epmdCheck = $"{name}-epmd-accepts";
        builder.Services.AddHealthChecks().AddAsyncCheck(epmdCheck, ct => TcpHealthCheck.ProbeAsync(epmdPort, ct));
        var epmd = builder.AddExecutable($"{name}-epmd", "epmd", dataDirectory, "-port", Invariant(epmdPort), "-address", "127.0.0.1")
            .WithHealthCheck(epmdCheck);

        var amqpCheck = $"{name}-amqp-accepts";
        builder.Services.AddHealthChecks().AddAsyncCheck(amqpCheck, ct => TcpHealthCheck.ProbeAsync(amqpPort, ct));
        var server = builder.AddExecutable(name, Path.Combine(bin, "rabbitmq-server"), dataDirectory)
            .WithEndpoint(port: amqpPort, targetPort: amqpPort, scheme: "amqp", name: "amqp", isProxied: false)
            .WithHealthCheck(amqpCheck)
            .WaitFor(epmd);
        foreach (var (key, value) in environment)
        {
            server.WithEnvironment(key, value);
        }

        return server;
    }

    /// <summary><c>amqp://guest:guest@127.0.0.1:port/</c>: guest may log in over loopback only, RabbitMQ's default.</summary>
    public static string AmqpUri(int port) => string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{port}/");

    private static Dictionary<string, string> PrepareFolder(string dataDirectory, int amqpPort, int epmdPort, int distributionPort)
    {
        var home = Path.Combine(dataDirectory, "home");
        foreach (var dir in new[] { dataDirectory, home, Path.Combine(dataDirectory, "log"), Path.Combine(dataDirectory, "mnesia") })
        {
            Directory.CreateDirectory(dir);
        }

        var config = Path.Combine(dataDirectory, "rabbitmq.conf");
        File.WriteAllText(config, $"""
            # Written by the AppHost on every start: edits are overwritten.
            listeners.tcp.default = 127.0.0.1:{Invariant(amqpPort)}
            log.console = true
            log.console.level = info
            log.file = false
            """);
        File.WriteAllText(Path.Combine(dataDirectory, "enabled_plugins"), "[].");
        File.WriteAllText(Path.Combine(dataDirectory, "rabbitmq-env.conf"), string.Empty);

        // The node and its CLI authenticate with the cookie in HOME; a private random one, written once, mode 0400.
        var cookie = Path.Combine(home, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            File.WriteAllText(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(20)));
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }

        // The mnesia folder is named after the node: a fixed name keeps queues across runs whatever the ports.
        return new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dataDirectory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(dataDirectory, "log"),
            ["RABBITMQ_NODENAME"] = "platform@localhost",
            ["RABBITMQ_USE_LONGNAME"] = "false",
            ["RABBITMQ_NODE_PORT"] = Invariant(amqpPort),
            ["RABBITMQ_DIST_PORT"] = Invariant(distributionPort),
            ["RABBITMQ_CONFIG_FILE"] = config,
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(dataDirectory, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dataDirectory, "enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(dataDirectory, "rabbitmq-env.conf"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(dataDirectory, "rabbitmq.pid"),
            ["ERL_EPMD_PORT"] = Invariant(epmdPort),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = LoopbackOnly,
            ["RUNNING_UNDER_SYSTEMD"] = "true",
        };
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
