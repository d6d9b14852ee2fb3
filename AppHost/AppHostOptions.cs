using System.Globalization;

namespace Platform.AppHost;

/// <summary>Command-line flags of the AppHost (ours; Aspire's own configuration is not read from the command line).</summary>
public sealed record AppHostOptions
{
    public const string Usage = """
        Usage: dotnet run --project AppHost -- [options]
          --topology <name>     single (default): PostgreSQL + one node with every role
                                cluster: PostgreSQL + RabbitMQ + NATS + web-1, web-2, files-workers, mail-scheduler behind a gateway
          --port <n>            HTTP port of the node, or of the gateway in a cluster (default 8080; cluster nodes: n+1..n+4)
          --pg-port <n>         PostgreSQL port (default 15432)
          --rabbit-port <n>     RabbitMQ AMQP port, cluster only (default 15673)
          --nats-port <n>       NATS port, cluster only (default 14222)
          --imap-port <n>       the development mailbox's IMAP port (default 11143)
          --smtp-port <n>       the development mail system's SMTP port (default 12525)
          --dashboard-port <n>  Aspire dashboard (default 17161; its OTLP endpoint n+1, resource service n+2)
          --environment <e>     ASPNETCORE_ENVIRONMENT of the nodes (default Development)
          --data <dir>          data folder (default: .data in the repository; a relative path is taken from the current folder)
        Data (kept across runs; .data is git-ignored): <data>/postgres, <data>/rabbitmq, <data>/files (uploads).
        Console output of every resource: the dashboard (its URL and login are printed once everything is up).
        """;

    public int NodePort { get; init; } = 8080;
    public int PostgresPort { get; init; } = 15432;

    /// <summary>15673: beside RabbitMQ's default 5672 and its management port 15672, both left to a system broker.</summary>
    public int RabbitMqPort { get; init; } = 15673;

    /// <summary>14222: beside NATS's default 4222, left to a system server.</summary>
    public int NatsPort { get; init; } = 14222;

    /// <summary>11143 and 12525: beside IMAP's 143 and SMTP's 25, left to a system mail server.</summary>
    public int ImapPort { get; init; } = 11143;

    public int SmtpPort { get; init; } = 12525;

    /// <summary>17161: what `aspire new` templates pick; the dashboard's OTLP and resource-service endpoints follow it.</summary>
    public int DashboardPort { get; init; } = 17161;
    public string Topology { get; init; } = "single";
    public string Environment { get; init; } = "Development";

    /// <summary>The data folder as an absolute path, or null for the repository's <c>.data</c>.</summary>
    public string? DataDirectory { get; init; }

    public bool ShowHelp { get; init; }

    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AppHostOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            string Value() => inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value."));
            options = name switch
            {
                "--port" => options with { NodePort = Port(Value(), name) },
                "--pg-port" => options with { PostgresPort = Port(Value(), name) },
                "--rabbit-port" => options with { RabbitMqPort = Port(Value(), name) },
                "--nats-port" => options with { NatsPort = Port(Value(), name) },
                "--imap-port" => options with { ImapPort = Port(Value(), name) },
                "--smtp-port" => options with { SmtpPort = Port(Value(), name) },
                "--dashboard-port" => options with { DashboardPort = Port(Value(), name) },
                "--topology" => options with { Topology = Value() },
                "--environment" => options with { Environment = Value() },
                "--data" => options with { DataDirectory = Folder(Value(), name) },
                "-h" or "--help" => options with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.{System.Environment.NewLine}{Usage}"),
            };
        }

        if (options.Topology is not ("single" or "cluster"))
        {
            throw new ArgumentException($"Unknown topology '{options.Topology}'. Known: single, cluster.");
        }

        if (options.Topology == "cluster" && options.NodePort > 65535 - 4)
        {
            throw new ArgumentException($"--port {options.NodePort}: the cluster's nodes use the four ports after it.");
        }

        return options;
    }

    /// <summary>Relative to the current folder (where the command was typed), like any path on a command line.</summary>
    private static string Folder(string value, string name) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"{name} expects a folder.")
            : Path.GetFullPath(value);

    private static int Port(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65533
            ? port
            : throw new ArgumentException($"{name} expects a TCP port, got '{value}'.");
}
