using System.Diagnostics;

namespace Platform.LocalResources;

/// <summary>
/// A long-running child process (a node, a broker): output piped line by line to a callback, stopped
/// gracefully (SIGTERM, wait, then kill) or killed hard.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly ManagedProcessOptions _options;
    private readonly Queue<string> _recent = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public ManagedProcess(ManagedProcessOptions options) => _options = options;

    public int? ProcessId => _process?.Id;

    /// <summary>The pid of a leftover process from <see cref="ManagedProcessOptions.PidFile"/> that <see cref="Start"/> killed.</summary>
    public int? KilledLeftoverPid { get; private set; }
    public bool HasExited => _exited.Task.IsCompleted;
    public int? ExitCode => _exited.Task.IsCompleted ? _exited.Task.Result : null;

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>The last output lines (stdout and stderr), oldest first.</summary>
    public IReadOnlyList<string> RecentOutput
    {
        get
        {
            lock (_recent)
            {
                return [.. _recent];
            }
        }
    }

    public void Start()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The process was already started.");
        }

        KillLeftover();
        var process = new Process { StartInfo = _options.ToStartInfo(), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, isError: true);
        process.Exited += (_, _) => _ = CompleteWhenDrainedAsync(process);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        if (_options.PidFile is not null)
        {
            LeftoverProcess.Write(_options.PidFile, process.Id);
        }
    }

    /// <summary>
    /// Kills a process still named in <see cref="ManagedProcessOptions.PidFile"/> (left by a parent killed hard), so that
    /// its port is free again. <see cref="Start"/> does it too; call it first when you check ports before starting.
    /// </summary>
    public int? KillLeftover()
    {
        if (_options.PidFile is not null
            && LeftoverProcess.KillIfRunning(_options.PidFile, _options.CommandMarker) is { } pid)
        {
            KilledLeftoverPid = pid;
        }

        return KilledLeftoverPid;
    }

    /// <summary>SIGTERM, then up to <paramref name="gracePeriod"/> for the process to exit, then a hard kill.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (_process is null || HasExited)
        {
            return;
        }

        try
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                new ProcessRunOptions { ThrowOnError = false, Timeout = TimeSpan.FromSeconds(5) });
            await _exited.Task.WaitAsync(gracePeriod);
        }
        catch (TimeoutException)
        {
            Kill();
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Kills the process and all its descendants at once.</summary>
    public void Kill()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200; fails early (with recent output) if the process exits.</summary>
    public Task WaitForHttpOkAsync(Uri url, TimeSpan timeout, CancellationToken ct) =>
        HttpProbe.WaitForOkAsync(url, timeout, () => HasExited
            ? $"the process exited with code {ExitCode}.{Environment.NewLine}{string.Join(Environment.NewLine, RecentOutput)}"
            : null, ct);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process?.Dispose();
    }

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        lock (_recent)
        {
            _recent.Enqueue(line);
            while (_recent.Count > _options.RecentLineCount)
            {
                _recent.Dequeue();
            }
        }

        _options.OnOutputLine?.Invoke(line, isError);
    }

    private async Task CompleteWhenDrainedAsync(Process process)
    {
        // WaitForExitAsync also waits for the output pipes to reach end-of-file, so no line is lost.
        await process.WaitForExitAsync();
        if (_options.PidFile is not null)
        {
            LeftoverProcess.Remove(_options.PidFile, process.Id);
        }

        _exited.TrySetResult(process.ExitCode);
    }
}
