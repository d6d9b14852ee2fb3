using System.Globalization;

namespace Platform.AppHost.Hosting;

/// <summary>Command-line flags of the AppHost.</summary>
public sealed record AppHostOptions
{
    public const string Usage = """
        Usage: dotnet run --project AppHost -- [options]
          --port <n>          HTTP port of the node (default 8080)
          --pg-port <n>       PostgreSQL port (default 15432)
          --topology <name>   single (default)
          --environment <e>   ASPNETCORE_ENVIRONMENT of the node (default Development)
          --plain             line output instead of the live table (automatic when stdout is not a terminal)
        Data (kept across runs, git-ignored): .data/postgres; logs: .data/logs/<resource>.log
        """;

    public int NodePort { get; init; } = 8080;
    public int PostgresPort { get; init; } = 15432;
    public string Topology { get; init; } = "single";
    public string Environment { get; init; } = "Development";
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
                "--topology" => options with { Topology = Value() },
                "--environment" => options with { Environment = Value() },
                "--plain" => options with { Plain = true },
                "-h" or "--help" => options with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.{System.Environment.NewLine}{Usage}"),
            };
        }

        return options;
    }

    private static int Port(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"{name} expects a TCP port, got '{value}'.");
}
