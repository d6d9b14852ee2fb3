using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Platform.EndToEndTests;
using Platform.LocalResources;

namespace Platform.AppHostTests;

/// <summary>
/// One launch of the real AppHost, <c>dotnet AppHost/bin/&lt;Configuration&gt;/net10.0/Platform.AppHost.dll …</c>, as a child
/// process in its own session (so only the signals we send reach it), with every output line kept. It runs the way a
/// developer runs it (DCP, the dashboard, what it prints, Ctrl+C), which Aspire.Hosting.Testing's in-process builder
/// would not show: that one has no console output of ours, no SIGINT to send and no dashboard by default.
/// </summary>
public sealed partial class AppHostRun : IAsyncDisposable
{
    /// <summary>
    /// A fresh cluster took 77–99 s at load 8–15 on 2 cores and over 180 s at load 27 (other builds beside it): the
    /// bound is for a machine that busy, not for an idle one. A hang still shows where, in the "[apphost] resource:
    /// state" lines of the tail.
    /// </summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(8);
    private readonly List<string> _output = [];
    private readonly ManagedProcess _process;
    private readonly Stopwatch _sinceStart = new();

    /// <param name="workingDirectory">The AppHost's current folder (a relative <c>--data</c> is taken from it).</param>
    public AppHostRun(string workingDirectory, IReadOnlyList<string> arguments)
    {
        _process = new ManagedProcess(new ManagedProcessOptions
        {
            // Through env --default-signal=INT: a test runner started from a script may have inherited SIGINT ignored
            // (a background job without job control), and an ignored signal stays ignored across exec, so Ctrl+C could
            // not be simulated. A terminal's foreground AppHost, which this stands for, has it at its default.
            FileName = "env",
            Arguments = ["--default-signal=INT", "dotnet", AppHostAssembly, "--dashboard-port", Invariant(DashboardPort), .. arguments],
            WorkingDirectory = workingDirectory,
            OnOutputLine = (line, _) =>
            {
                lock (_output)
                {
                    _output.Add(line);
                }
            },
        });
    }

    /// <summary>The AppHost of the configuration these tests were built in (the ProjectReference builds it first).</summary>
    public static string AppHostAssembly { get; } = Path.Combine(Repository.Root, "AppHost", "bin", Repository.Configuration,
        "net10.0", "Platform.AppHost.dll") is var dll && File.Exists(dll)
        ? dll
        : throw new FileNotFoundException("Build the AppHost first (building these tests does it).", dll);

    public int? ProcessId => _process.ProcessId;

    /// <summary>The dashboard; its OTLP and resource-service endpoints take the two ports after it (--dashboard-port).</summary>
    public int DashboardPort { get; } = PortAllocator.GetFreeTcpPortRange(3);

    /// <summary>From the launch to the AppHost's "ready" announcement (PostgreSQL, migrations, nodes all up).</summary>
    public TimeSpan? StartToReady { get; private set; }

    /// <summary>From SIGINT to the AppHost's exit.</summary>
    public TimeSpan? StopDuration { get; private set; }

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>The AppHost's own line "ready in N s (postgres …, migrate …, node …)".</summary>
    public string? ReadyLine => Output.FirstOrDefault(l => l.StartsWith("[apphost] ready in ", StringComparison.Ordinal));

    /// <summary>The setup token, from "first run: open URL and enter setup token TOKEN", or null when none was printed.</summary>
    public string? SetupToken => Output.Select(l => SetupTokenLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;

    /// <summary>The dashboard's login URL with this run's browser token, from "[apphost] dashboard: URL".</summary>
    public Uri? DashboardLogin => Output.Select(l => DashboardLine().Match(l)).FirstOrDefault(m => m.Success) is { } m
        ? new Uri(m.Groups[1].Value)
        : null;

    /// <summary>Starts the AppHost and waits until it announces where to open the product (its last start line, "open URL").</summary>
    public async Task StartAsync()
    {
        _sinceStart.Start();
        _process.Start();
        await WaitForLineAsync(l => l.StartsWith("[apphost] open ", StringComparison.Ordinal), ReadyTimeout);
        StartToReady = _sinceStart.Elapsed;
    }

    /// <summary>Sends SIGINT (what Ctrl+C sends) and waits for the exit code.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        await ProcessRunner.RunAsync("kill", ["-INT", _process.ProcessId!.Value.ToString(CultureInfo.InvariantCulture)]);
        try
        {
            var exitCode = await _process.Exited.WaitAsync(timeout);
            StopDuration = stopwatch.Elapsed;
            return exitCode;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The AppHost did not exit within {timeout.TotalSeconds:0} s of SIGINT.{Tail()}");
        }
    }

    /// <summary>The last lines of the AppHost's output, for assertion messages.</summary>
    public string Tail(int lines = 60) =>
        $"{Environment.NewLine}--- last {lines} lines of the AppHost's output ---{Environment.NewLine}"
        + string.Join(Environment.NewLine, Output.TakeLast(lines));

    /// <summary>Stops it the hard way if a test failed before SIGINT (SIGTERM, then kill), so nothing outlives the run.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Any(match))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited with code {_process.ExitCode} before it was ready.{Tail()}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The AppHost was not ready within {timeout.TotalSeconds:0} s.{Tail()}");
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^\[apphost\] dashboard: (\S+)$")]
    private static partial Regex DashboardLine();

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[apphost\] first run: open \S+ and enter setup token (\S+)$")]
    private static partial Regex SetupTokenLine();
}
