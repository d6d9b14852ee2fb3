using System.Diagnostics;
using System.Globalization;

namespace Platform.LocalResources;

/// <summary>The pg_ctl / initdb side of <see cref="PostgresServer"/>.</summary>
public sealed partial class PostgresServer
{
    private string ServerOptions()
    {
        var settings = new Dictionary<string, string>
        {
            ["listen_addresses"] = "127.0.0.1",
            ["max_connections"] = "300",
            ["fsync"] = Durable ? "on" : "off",
        };
        if (!Durable)
        {
            settings["synchronous_commit"] = "off";
            settings["full_page_writes"] = "off";
        }

        // A Unix socket path is limited to 107 bytes; past that, TCP only.
        var socketDir = DataDirectory.Length < 90 ? DataDirectory : string.Empty;
        settings["unix_socket_directories"] = socketDir;
        foreach (var (name, value) in Settings)
        {
            settings[name] = value;
        }

        // pg_ctl hands -o to /bin/sh, hence the shell quoting.
        return string.Join(' ', settings.Select(s => $"-c {ShellQuote($"{s.Key}={s.Value}")}"))
            .Insert(0, string.Create(CultureInfo.InvariantCulture, $"-p {Port} "));
    }

    private async Task PrepareFoldersAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        if (!File.Exists(LogFile))
        {
            await File.WriteAllTextAsync(LogFile, string.Empty, ct);
        }

        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root: its files belong to the postgres user.
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", DataDirectory, LogFile], ct);
        }
    }

    private Task<ProcessResult> RunAsPostgresAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var binary = Path.Combine(_binDirectory!, tool);
        var options = new ProcessRunOptions { WorkingDirectory = "/", Timeout = TimeSpan.FromSeconds(90) };
        return Environment.IsPrivilegedProcess
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", binary, .. args], options, ct)
            : ProcessRunner.RunAsync(binary, args, options, ct);
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private async Task WaitUntilAcceptingAsync(TimeSpan timeout, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync(ct);
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException && stopwatch.Elapsed < timeout)
            {
                await Task.Delay(200, ct);
            }
        }
    }
}
