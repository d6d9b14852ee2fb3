using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Platform.Modules.Files.Previews;
using Xunit.Abstractions;
using static Platform.IntegrationTests.Files.Previews.PreviewSandbox;

namespace Platform.IntegrationTests.Files.Previews;

[Collection(PreviewTestGroup.Name)]
[SupportedOSPlatform("linux")]
public sealed class PreviewLimitsTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Stands in for a converter that hangs: it forks a child, records both pids, and waits forever.</summary>
    private const string HangingTool = """
        #!/bin/sh
        sleep 600 &
        echo "$$ $!" > pids
        wait
        """;

    private readonly PreviewSandbox _sandbox = new();

    [Fact]
    public async Task A_file_over_the_input_limit_is_skipped_unread()
    {
        var pdf = _sandbox.PathOf("big.pdf");
        DocumentWriter.WritePdf(pdf, pages: 3);

        var result = await _sandbox.RenderAsync(pdf, o => o.MaxInputBytes = 1000);

        Assert.Equal(PreviewStatus.Skipped, result.Status);
        Assert.Matches(@"^The file is \d\.\d KB; previews stop at 1000 bytes$", result.Reason);
        Assert.Null(result.Format);
    }

    [Fact]
    public async Task A_hanging_converter_is_killed_with_everything_it_forked_at_the_deadline()
    {
        var pdf = _sandbox.PathOf("any.pdf");
        DocumentWriter.WritePdf(pdf, pages: 1);
        var tool = HangingScript();
        var work = _sandbox.NewWorkDirectory();

        var clock = Stopwatch.StartNew();
        var result = await Renderer(o => (o.Tools.PdfInfo, o.Timeout) = (tool, TimeSpan.FromSeconds(1)))
            .RenderAsync(pdf, work, CancellationToken.None);
        output.WriteLine($"hanging tool stopped after {clock.ElapsedMilliseconds} ms");

        Assert.Equal(PreviewStatus.Failed, result.Status);
        Assert.Equal("Conversion took longer than 1 s", result.Reason);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));
        var pids = await ReadPidsAsync(work);
        Assert.Equal(2, pids.Length);
        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} survived the deadline"));
    }

    [Fact]
    public async Task LibreOffice_past_its_deadline_is_killed_entirely()
    {
        var docx = _sandbox.PathOf("slow.docx");
        DocumentWriter.WriteDocx(docx, "Never converted");
        var work = _sandbox.NewWorkDirectory();

        var clock = Stopwatch.StartNew();
        var rendering = Renderer(o => o.Timeout = TimeSpan.FromMilliseconds(500)).RenderAsync(docx, work, CancellationToken.None);
        // The launcher (oosplash) and the worker it forks (soffice.bin) carry the profile path, inside the work
        // directory, on their command lines.
        var seen = new HashSet<int>();
        while (!rendering.IsCompleted)
        {
            seen.UnionWith(ProcessesMentioning(Path.GetFullPath(work)));
            await Task.Delay(10);
        }

        var result = await rendering;
        output.WriteLine($"LibreOffice stopped after {clock.ElapsedMilliseconds} ms; processes seen: {seen.Count}");

        Assert.Equal(PreviewStatus.Failed, result.Status);
        Assert.Equal("Conversion took longer than 0.5 s", result.Reason);
        Assert.InRange(seen.Count, 2, int.MaxValue);
        Assert.All(seen, pid => Assert.False(IsAlive(pid), $"process {pid} survived the deadline"));
        Assert.Empty(ProcessesMentioning(Path.GetFullPath(work)));
    }

    [Fact]
    public async Task Cancellation_propagates_and_still_kills_the_converter()
    {
        var pdf = _sandbox.PathOf("any.pdf");
        DocumentWriter.WritePdf(pdf, pages: 1);
        var tool = HangingScript();
        var work = _sandbox.NewWorkDirectory();
        using var cancel = new CancellationTokenSource();
        var renderer = Renderer(o => o.Tools.PdfInfo = tool);

        var rendering = renderer.RenderAsync(pdf, work, cancel.Token);
        while (!File.Exists(Path.Combine(work, "pids")) && !rendering.IsCompleted)
            await Task.Delay(20);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rendering);
        Assert.All(await ReadPidsAsync(work), pid => Assert.False(IsAlive(pid), $"process {pid} survived cancellation"));
    }

    [Fact]
    public async Task A_memory_limit_far_too_small_ends_in_failed_not_a_crash()
    {
        var png = _sandbox.PathOf("photo.png");
        PngWriter.WriteRgb(png, 100, 100, (x, y) => ((byte)x, (byte)y, 0));

        var result = await _sandbox.RenderAsync(png, o => o.MemoryLimitBytes = 16 * 1024 * 1024);

        Assert.Equal(PreviewStatus.Failed, result.Status);
        Assert.Equal("The converter ran out of memory (limit 16 MB)", result.Reason);
    }

    [Fact]
    public async Task A_converter_writing_past_the_file_size_limit_is_stopped()
    {
        var png = _sandbox.PathOf("noisy.png");
        PngWriter.WriteRgb(png, 1000, 1000, (x, y) => ((byte)(x * y), (byte)(x ^ y), (byte)(x + y)));

        var result = await _sandbox.RenderAsync(png, o => o.MaxOutputFileBytes = 4096);

        Assert.Equal(PreviewStatus.Failed, result.Status);
        Assert.Equal("The converter's output grew past 4 KB and was stopped", result.Reason);
    }

    [Fact]
    public async Task A_missing_converter_is_a_server_problem_not_the_files()
    {
        var png = _sandbox.PathOf("photo.png");
        PngWriter.WriteRgb(png, 10, 10, (_, _) => (0, 0, 0));

        var missingTool = await _sandbox.RenderAsync(png, o => o.Tools.VipsHeader = "no-such-vipsheader");
        var missingLauncher = await _sandbox.RenderAsync(png, o => o.Tools.Setsid = "/no/such/setsid");

        Assert.All([missingTool, missingLauncher], result =>
        {
            Assert.Equal(PreviewStatus.Failed, result.Status);
            Assert.Equal("Previews are not available on this server at the moment", result.Reason);
        });
    }

    public void Dispose() => _sandbox.Dispose();

    private string HangingScript()
    {
        var path = _sandbox.PathOf("hanging-tool.sh");
        File.WriteAllText(path, HangingTool.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static async Task<int[]> ReadPidsAsync(string work) =>
        (await File.ReadAllTextAsync(Path.Combine(work, "pids")))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .ToArray();
}
