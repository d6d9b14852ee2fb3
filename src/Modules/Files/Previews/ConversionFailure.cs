using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Modules.Files.Previews;

/// <summary>
/// Turns a failed tool run into a sentence a user can read: time and resource limits by name, otherwise the tool's
/// first error line with every server path reduced to its file name. Never a stack trace or an internal path.
/// </summary>
internal static partial class ConversionFailure
{
    private const int MaxDetailLength = 200;
    private const int Sigkill = 9;
    private const int Sigxcpu = 24;
    private const int Sigxfsz = 25;

    private static readonly string[] MemoryMarkers =
    [
        "out of memory", "cannot allocate memory", "failed to map segment", "bad_alloc", "memory allocation failed",
        "memory exhausted", "unable to allocate",
    ];

    /// <param name="subject">What failed, as the start of the sentence: "The image could not be read".</param>
    /// <exception cref="ConverterUnavailableException">setsid, unshare or prlimit could not start the tool at all.</exception>
    public static string Describe(BoundedProcessOutcome outcome, string subject, PreviewOptions options, string workDirectory)
    {
        if (outcome.TimedOut)
            return $"Conversion took longer than {Seconds(options.Timeout)}";
        var output = outcome.StandardError + "\n" + outcome.StandardOutput;
        if (ExecFailure().Match(output) is { Success: true } exec)
            throw new ConverterUnavailableException(exec.Value.Trim());
        if (IsolationFailure().Match(output) is { Success: true } isolation)
            throw new ConverterUnavailableException(
                $"Converters cannot be cut off from the network on this server ({isolation.Value.Trim()}). Allow unprivileged user " +
                "namespaces (sysctl kernel.unprivileged_userns_clone=1; no RestrictNamespaces in the unit), or accept the risk " +
                "with Platform:Files:Previews:IsolateNetwork=false.");
        if (MemoryMarkers.Any(m => output.Contains(m, StringComparison.OrdinalIgnoreCase)))
            return $"The converter ran out of memory (limit {Bytes(options.MemoryLimitBytes)})";
        return (outcome.ExitCode - 128) switch
        {
            Sigxcpu => $"The converter used more than {BoundedProcess.CpuSecondsFor(options.Timeout)} s of processor time and was stopped",
            // We only send SIGKILL after the deadline (reported above), so this is the CPU hard limit or the kernel's OOM killer.
            Sigkill => "The converter was stopped for using too much processor time or memory",
            Sigxfsz => $"The converter's output grew past {Bytes(options.MaxOutputFileBytes)} and was stopped",
            > 0 and < 32 => $"{subject}: the converter crashed",
            _ => FirstErrorLine(output, workDirectory) is { } line ? $"{subject}: {line}" : $"{subject} (exit code {outcome.ExitCode})",
        };
    }

    /// <summary>The first line that says something: blank lines and warnings that precede the real error are skipped.</summary>
    public static string? FirstErrorLine(string output, string workDirectory)
    {
        var line = output.Split('\n')
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.Length > 0 && !Noise().IsMatch(l));
        if (line is null)
            return null;
        line = line.Replace(Path.TrimEndingDirectorySeparator(Path.GetFullPath(workDirectory)) + "/", "", StringComparison.Ordinal);
        line = AbsolutePath().Replace(line, m => m.Groups["name"].Value);
        return line.Length <= MaxDetailLength ? line : line[..MaxDetailLength] + "…";
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    [GeneratedRegex(@"^(?:setsid|prlimit|unshare): failed to execute .*$", RegexOptions.Multiline)]
    private static partial Regex ExecFailure();

    /// <summary>unshare refused (no user namespaces here, or a seccomp filter): the tool never started.</summary>
    [GeneratedRegex(@"^unshare: (?:unshare failed|write failed /proc/self/\S+|cannot open /proc/self/\S+).*$", RegexOptions.Multiline)]
    private static partial Regex IsolationFailure();

    /// <summary>GLib warnings ("(vips:123): VIPS-WARNING **: …"), LibreOffice's Java notice, poppler's warnings.</summary>
    [GeneratedRegex(@"WARNING \*\*|^Warning:|^Syntax Warning|^…$", RegexOptions.IgnoreCase)]
    private static partial Regex Noise();

    /// <summary>An absolute path or file URL; only its last segment is kept.</summary>
    [GeneratedRegex(@"(?:file://)?(?:/[^\s/""'():]+)+/(?<name>[^\s/""'():]+)")]
    private static partial Regex AbsolutePath();
}
