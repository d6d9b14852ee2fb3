using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.LocalResources;
using Platform.Modules.Files;
using Platform.Modules.Files.Previews;

namespace Platform.IntegrationTests.Files.Previews;

/// <summary>A temporary folder for one test's inputs and work directories, and a renderer over the real tools.</summary>
internal sealed class PreviewSandbox : IDisposable
{
    private int _renders;

    public string Root { get; } = Directory.CreateTempSubdirectory("platform-previews-").FullName;

    public string PathOf(string name) => Path.Combine(Root, name);

    public string NewWorkDirectory() => Path.Combine(Root, "work-" + Interlocked.Increment(ref _renders).ToString(CultureInfo.InvariantCulture));

    public static PreviewRenderer Renderer(Action<PreviewOptions>? configure = null)
    {
        var options = new FilesOptions();
        configure?.Invoke(options.Previews);
        return new PreviewRenderer(Options.Create(options), NullLogger<PreviewRenderer>.Instance);
    }

    public Task<PreviewResult> RenderAsync(string input, Action<PreviewOptions>? configure = null) =>
        Renderer(configure).RenderAsync(input, NewWorkDirectory(), CancellationToken.None);

    /// <summary>Width and height as libvips reads them from the file.</summary>
    public static async Task<(int Width, int Height)> ImageSizeAsync(string path)
    {
        var width = await ProcessRunner.RunAsync("vipsheader", ["-f", "width", path]);
        var height = await ProcessRunner.RunAsync("vipsheader", ["-f", "height", path]);
        return (int.Parse(width.StandardOutput, CultureInfo.InvariantCulture), int.Parse(height.StandardOutput, CultureInfo.InvariantCulture));
    }

    public static async Task AssertFitsAsync(string path, int longestSide)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var (width, height) = await ImageSizeAsync(path);
        Assert.InRange(Math.Max(width, height), 1, longestSide);
        var kind = await ProcessRunner.RunAsync("vipsheader", [path]);
        Assert.EndsWith("jpegload", kind.StandardOutput.Trim(), StringComparison.Ordinal);
    }

    /// <summary>True while a process is alive (zombies, which only await their parent's wait(), count as dead).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Live processes whose command line mentions <paramref name="marker"/> (a work directory path).</summary>
    public static List<int> ProcessesMentioning(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(marker, StringComparison.Ordinal) && IsAlive(pid))
                    found.Add(pid);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
