namespace Platform.Modules.Files.Previews;

/// <summary>Runs one preview tool in a work directory under the configured limits and a minimal environment.</summary>
internal sealed class ConverterRunner(PreviewOptions options)
{
    public Task<BoundedProcessOutcome> RunAsync(string tool, IReadOnlyList<string> arguments, string workDirectory, CancellationToken ct) =>
        BoundedProcess.RunAsync(
            new BoundedProcessStart
            {
                Tool = tool,
                Arguments = arguments,
                WorkingDirectory = workDirectory,
                Environment = Environment(workDirectory),
                Timeout = options.Timeout,
                MemoryLimitBytes = options.MemoryLimitBytes,
                FileSizeLimitBytes = options.MaxOutputFileBytes,
                Setsid = options.Tools.Setsid,
                Prlimit = options.Tools.Prlimit,
                IsolateNetwork = options.IsolateNetwork,
                Unshare = options.Tools.Unshare,
            },
            ct);

    private static Dictionary<string, string> Environment(string workDirectory)
    {
        var temp = Path.Combine(workDirectory, "tmp");
        Directory.CreateDirectory(temp);
        return new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            // LibreOffice and fontconfig write caches under HOME; keep them in the work directory, which is deleted.
            ["HOME"] = workDirectory,
            ["TMPDIR"] = temp,
            ["LANG"] = "C.UTF-8",
            // One thread per conversion: parallelism comes from running several jobs, and the CPU limit stays meaningful.
            ["VIPS_CONCURRENCY"] = "1",
            // Keeps libvips off its loaders that are not hardened for hostile input (ImageMagick, matio, FITS…).
            ["VIPS_BLOCK_UNTRUSTED"] = "1",
            // Defined at all = warnings off; a truncated image otherwise prints one per scanline before the real error.
            ["VIPS_WARNING"] = "0",
        };
    }
}
