using System.Diagnostics;
using System.Text;

namespace Platform.LocalResources;

/// <summary>The outcome of a finished command.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration);

/// <summary>How to run a short-lived command.</summary>
public sealed record ProcessRunOptions
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>When false a non-zero exit code is returned instead of thrown.</summary>
    public bool ThrowOnError { get; init; } = true;
    /// <summary>Called with every output line as it arrives (stdout and stderr).</summary>
    public Action<string>? OnOutputLine { get; init; }
}

/// <summary>Runs a command to completion, capturing its output.</summary>
public static class ProcessRunner
{
    public static Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken ct = default) =>
        RunAsync(fileName, arguments, new ProcessRunOptions(), ct);

    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, ProcessRunOptions options, CancellationToken ct = default)
    {
        var args = arguments.ToList();
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? string.Empty,
        };
        args.ForEach(startInfo.ArgumentList.Add);
        foreach (var (key, value) in options.Environment)
        {
            startInfo.Environment[key] = value;
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data, options.OnOutputLine);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data, options.OnOutputLine);

        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot start '{fileName}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"'{Describe(fileName, args)}' did not finish within {options.Timeout.TotalSeconds:0} s.{Tail(stdout, stderr)}");
        }

        var result = new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString(), stopwatch.Elapsed);
        if (options.ThrowOnError && result.ExitCode != 0)
        {
            throw new ProcessFailedException(Describe(fileName, args), result);
        }

        return result;
    }

    internal static string Describe(string fileName, IEnumerable<string> args) =>
        string.Join(' ', args.Prepend(fileName).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));

    private static void Append(StringBuilder buffer, string? line, Action<string>? onLine)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }

        onLine?.Invoke(line);
    }

    private static string Tail(StringBuilder stdout, StringBuilder stderr)
    {
        var text = (stderr.Length > 0 ? stderr : stdout).ToString().TrimEnd();
        return text.Length == 0 ? string.Empty : $"{Environment.NewLine}{text[Math.Max(0, text.Length - 4000)..]}";
    }
}
