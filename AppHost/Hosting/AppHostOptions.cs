using System.Globalization;

namespace Platform.AppHost.Hosting;

/// <summary>Command-line flags of the AppHost.</summary>
public sealed record AppHostOptions
{
    public const string Usage = """
        Usage: dotnet run --project AppHost -- [options]
          --topology <name>   single (default): PostgreSQL + one node with every role
                              cluster: PostgreSQL + RabbitMQ + web-1, web-2, files-workers, mail-scheduler behind a gateway
          --port <n>          HTTP port of the node, or of the gateway in a cluster (default 8080; cluster nodes: n+1..n+4)
          --pg-port <n>       PostgreSQL port (default 15432)
          --rabbit-port <n>   RabbitMQ AMQP port, cluster only (default 15673)
          --environment <e>   ASPNETCORE_ENVIRONMENT of the nodes (default Development)
          --data <dir>        data folder (default: .data in the repository; a relative path is taken from the current folder)
          --plain             line output instead of the live table (automatic when stdout is not a terminal)
        Data (kept across runs; .data is git-ignored): <data>/postgres, <data>/rabbitmq, <data>/files (uploads);
        logs: <data>/logs/<resource>.log
        """;

    public int NodePort { get; init; } = 8080;
    public int PostgresPort { get; init; } = 15432;

    /// <summary>15673: beside RabbitMQ's default 5672 and its management port 15672, both left to a system broker.</summary>
    public int RabbitMqPort { get; init; } = 15673;
    public string Topology { get; init; } = "single";
    public string Environment { get; init; } = "Development";

    /// <summary>The data folder as an absolute path, or null for the repository's <c>.data</c>.</summary>
    public string? DataDirectory { get; init; }

    public bool Plain { get; init; }
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
                "--topology" => options with { Topology = Value() },
                "--environment" => options with { Environment = Value() },
                "--data" => options with { DataDirectory = Folder(Value(), name) },
                "--plain" => options with { Plain = true },
                "-h" or "--help" => options with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.{System.Environment.NewLine}{Usage}"),
            };
        }

        return options;
    }

    /// <summary>Relative to the current folder (where the command was typed), like any path on a command line.</summary>
    private static string Folder(string value, string name) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"{name} expects a folder.")
            : Path.GetFullPath(value);

    private static int Port(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"{name} expects a TCP port, got '{value}'.");
}
