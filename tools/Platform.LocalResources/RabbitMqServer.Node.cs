using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.LocalResources;

/// <summary>The folder, environment and process side of <see cref="RabbitMqServer"/>.</summary>
public sealed partial class RabbitMqServer
{
    private const string LoopbackOnly = "-kernel inet_dist_use_interface {127,0,0,1}";

    private string HomeDirectory => Path.Combine(DataDirectory, "home");
    private string ConfigFile => Path.Combine(DataDirectory, "rabbitmq.conf");
    private string PidFile => Path.Combine(DataDirectory, "rabbitmq.pid");

    /// <summary>The environment of this folder's node, also written to <c>node.env</c> for the CLI by hand.</summary>
    private string StateFile => Path.Combine(DataDirectory, "node.env");

    /// <summary>What the server and every CLI call get: one folder, one node, one epmd, nothing from /etc/rabbitmq.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["HOME"] = HomeDirectory,
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(DataDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = LogDirectory,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_USE_LONGNAME"] = "false",
        ["RABBITMQ_NODE_PORT"] = Invariant(AmqpPort),
        ["RABBITMQ_DIST_PORT"] = Invariant(DistributionPort),
        ["RABBITMQ_CONFIG_FILE"] = ConfigFile,
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(DataDirectory, "advanced.config"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(DataDirectory, "enabled_plugins"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(DataDirectory, "rabbitmq-env.conf"),
        ["RABBITMQ_PID_FILE"] = PidFile,
        ["ERL_EPMD_PORT"] = Invariant(EpmdPort),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = LoopbackOnly,
        ["RABBITMQ_CTL_ERL_ARGS"] = LoopbackOnly,
        // CLI tools are short-lived Erlang nodes too: let the OS pick their port instead of the shared 35672-35682.
        ["RABBITMQ_CTL_DIST_PORT_MIN"] = "0",
        ["RABBITMQ_CTL_DIST_PORT_MAX"] = "0",
    };

    private void Apply(NodeState state)
    {
        AmqpPort = state.AmqpPort;
        DistributionPort = state.DistributionPort;
        EpmdPort = state.EpmdPort;
    }

    private static int ChooseDistributionPort(int amqpPort)
    {
        // RabbitMQ's default (AMQP + 20000: 25672 for 5672), unless that lands in the ephemeral range, where any
        // client socket may hold it (see PortAllocator).
        var preferred = amqpPort + 20000;
        return preferred < 32768 && !PortAllocator.IsInUse(preferred) ? preferred : PortAllocator.GetFreeTcpPort();
    }

    private async Task PrepareFolderAsync(CancellationToken ct)
    {
        foreach (var dir in new[] { DataDirectory, HomeDirectory, LogDirectory, Path.Combine(DataDirectory, "mnesia") })
        {
            Directory.CreateDirectory(dir);
        }

        await File.WriteAllTextAsync(ConfigFile, $"""
            # Written by Platform.LocalResources.RabbitMqServer on every start: edits are overwritten.
            listeners.tcp.default = 127.0.0.1:{Invariant(AmqpPort)}
            log.console = false
            log.file.level = info
            """ + "\n", ct);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "enabled_plugins"), "[].\n", ct);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "rabbitmq-env.conf"),
            "# Empty on purpose: shadows /etc/rabbitmq/rabbitmq-env.conf.\n", ct);

        var cookie = Path.Combine(HomeDirectory, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            // Written before anything starts, so the server and the first CLI call cannot race to create two.
            await File.WriteAllTextAsync(cookie, RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20), ct);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
            }
        }

        var state = new StringBuilder()
            .AppendLine("# The environment of this folder's RabbitMQ node (written by Platform.LocalResources.RabbitMqServer).")
            .AppendLine("# CLI by hand: set -a; . ./node.env; set +a; /usr/lib/rabbitmq/bin/rabbitmqctl -n \"$RABBITMQ_NODENAME\" status");
        foreach (var (key, value) in Environment)
        {
            state.Append(key).Append("='").Append(value?.Replace("'", "'\\''", StringComparison.Ordinal)).AppendLine("'");
        }

        await File.WriteAllTextAsync(StateFile, state.ToString(), ct);
        if (File.Exists(PidFile))
        {
            File.Delete(PidFile);
        }
    }

    private Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> args, TimeSpan timeout, CancellationToken ct,
        bool throwOnError = true) =>
        ProcessRunner.RunAsync(Path.Combine(_binDirectory!, tool), args, new ProcessRunOptions
        {
            WorkingDirectory = DataDirectory,
            Environment = Environment,
            Timeout = timeout,
            ThrowOnError = throwOnError,
        }, ct);

    /// <summary>
    /// Waits for the AMQP listener (a bare TCP connect every 100 ms: the listener opens at the very end of the boot),
    /// failing early when the node crashed, then confirms with <c>rabbitmqctl await_startup</c>. Polling
    /// <c>rabbitmq-diagnostics ping</c> instead costs ≈ 0.4 s of CPU per call (each CLI call boots an Erlang VM), which
    /// a booting node on a 2-core machine feels.
    /// </summary>
    private async Task WaitUntilBootedAsync(DateTime launchedAt, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var missingBeam = 0;
        while (!await IsAcceptingAsync(ct))
        {
            if (CrashDumpSince(launchedAt) is { } slogan)
            {
                throw BootFailure($"the node crashed while booting: {slogan}");
            }

            missingBeam = FindBeamProcess() is null ? missingBeam + 1 : 0;
            if (missingBeam >= 10 && stopwatch.Elapsed > TimeSpan.FromSeconds(2))
            {
                throw BootFailure("its beam.smp process is gone");
            }

            if (stopwatch.Elapsed > StartTimeout)
            {
                throw BootFailure($"port {AmqpPort} did not accept connections within {StartTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(100, ct);
        }

        var remaining = Math.Max(5, (int)(StartTimeout - stopwatch.Elapsed).TotalSeconds);
        var startup = await RunAsync("rabbitmqctl", ["-q", "-n", NodeName, "await_startup", "--timeout", Invariant(remaining)],
            TimeSpan.FromSeconds(remaining + 15), ct, throwOnError: false);
        if (startup.ExitCode != 0)
        {
            throw BootFailure($"rabbitmqctl await_startup exited with {startup.ExitCode}: {(startup.StandardError + startup.StandardOutput).Trim()}");
        }
    }

    private TimeoutException BootFailure(string reason)
    {
        string tail;
        try
        {
            tail = File.Exists(LogFile)
                ? string.Join(System.Environment.NewLine, File.ReadLines(LogFile).TakeLast(30))
                : "(no log file yet)";
        }
        catch (IOException ex)
        {
            tail = ex.Message;
        }

        return new TimeoutException(
            $"RabbitMQ {NodeName} in {DataDirectory} did not start: {reason}.{System.Environment.NewLine}" +
            $"Last lines of {LogFile}:{System.Environment.NewLine}{tail}");
    }

    private string? CrashDumpSince(DateTime launchedAt)
    {
        var dump = new[] { Path.Combine(LogDirectory, "erl_crash.dump"), Path.Combine(DataDirectory, "erl_crash.dump") }
            .Select(path => new FileInfo(path))
            .FirstOrDefault(f => f.Exists && f.LastWriteTimeUtc >= launchedAt.AddSeconds(-1));
        return dump is null
            ? null
            : File.ReadLines(dump.FullName).Take(5).FirstOrDefault(l => l.StartsWith("Slogan:", StringComparison.Ordinal))
              ?? dump.FullName;
    }

    /// <summary>Stops this folder's beam (if still running) and its epmd, so the ports are free and nothing is left.</summary>
    private async Task KillLeftoversAsync()
    {
        if (FindBeamProcess() is { } beam)
        {
            await LinuxProcesses.SignalAndWaitAsync(beam, TimeSpan.FromSeconds(30));
        }

        foreach (var epmd in LinuxProcesses.Find(IsOurEpmd))
        {
            await LinuxProcesses.SignalAndWaitAsync(epmd, TimeSpan.FromSeconds(5));
        }

        // The beam's helpers (erl_child_setup, inet_gethost) exit on their own once it is gone, but not always before
        // we return: wait for them (they carry the node's HOME), and end any that outlive the beam.
        foreach (var helper in LinuxProcesses.Find(IsOurHelper))
        {
            await LinuxProcesses.SignalAndWaitAsync(helper, TimeSpan.FromSeconds(5));
        }
    }

    private bool IsOurHelper(int pid) =>
        !LinuxProcesses.IsZombie(pid) && LinuxProcesses.Read(pid, "environ") is { } environ && environ.Split('\0').Contains($"HOME={HomeDirectory}");

    /// <summary>The beam.smp whose Erlang <c>-home</c> is this folder's home: only this folder's node has it.</summary>
    private int? FindBeamProcess()
    {
        var marker = $"\0-home\0{HomeDirectory}\0";
        return LinuxProcesses.Find(pid =>
        {
            var cmdline = LinuxProcesses.Read(pid, "cmdline");
            return cmdline is not null && cmdline.Split('\0')[0].EndsWith("beam.smp", StringComparison.Ordinal)
                && cmdline.Contains(marker, StringComparison.Ordinal) && !LinuxProcesses.IsZombie(pid);
        }).Cast<int?>().FirstOrDefault();
    }

    /// <summary>An epmd started by this folder's node: it inherited the node's HOME.</summary>
    private bool IsOurEpmd(int pid) =>
        LinuxProcesses.Read(pid, "comm")?.Trim() == "epmd" && !LinuxProcesses.IsZombie(pid)
        && LinuxProcesses.Read(pid, "environ") is { } environ && environ.Split('\0').Contains($"HOME={HomeDirectory}");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ports of a node, as written in <c>node.env</c> (read back to reuse a running node).</summary>
    private sealed record NodeState(int AmqpPort, int DistributionPort, int EpmdPort)
    {
        public static NodeState? TryRead(string path)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var values = File.ReadLines(path)
                .Select(line => line.Split('=', 2))
                .Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim().Trim('\''));
            return Port("RABBITMQ_NODE_PORT") is { } amqp && Port("RABBITMQ_DIST_PORT") is { } dist && Port("ERL_EPMD_PORT") is { } epmd
                ? new NodeState(amqp, dist, epmd)
                : null;

            int? Port(string key) =>
                values.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                    ? port
                    : null;
        }
    }
}
