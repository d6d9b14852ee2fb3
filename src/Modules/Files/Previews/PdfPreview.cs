using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Modules.Files.Previews;

/// <summary>
/// PDFs (uploaded, or produced by LibreOffice): pdfinfo for the page count and to catch encrypted or broken files
/// with a clear reason, pdftoppm for the pages (<c>-scale-to</c> bounds the output whatever the MediaBox claims),
/// and the thumbnail from page 1.
/// </summary>
internal sealed partial class PdfPreview(ConverterRunner runner, ImagePreview images, PreviewOptions options)
{
    /// <param name="noun">"PDF" for an upload, "document" for a converted office file.</param>
    public async Task<PreviewResult> RenderAsync(string pdf, DetectedFormat format, string noun, string work, CancellationToken ct)
    {
        var info = await runner.RunAsync(options.Tools.PdfInfo, [pdf], work, ct);
        if (!info.Succeeded)
        {
            return info.StandardError.Contains("Incorrect password", StringComparison.Ordinal)
                ? PreviewResult.Failed(format, $"The {noun} is password-protected")
                : PreviewResult.Failed(format, ConversionFailure.Describe(info, $"The {noun} is damaged or cannot be read", options, work));
        }

        var pageCount = PagesLine().Match(info.StandardOutput) is { Success: true } pages
            ? int.Parse(pages.Groups["n"].Value, CultureInfo.InvariantCulture)
            : 0;
        if (pageCount == 0)
            return PreviewResult.Failed(format, $"The {noun} has no pages");

        var output = Directory.CreateDirectory(Path.Combine(work, "preview")).FullName;
        var last = Math.Min(options.MaxPages, pageCount).ToString(CultureInfo.InvariantCulture);
        var render = await runner.RunAsync(
            options.Tools.PdfToPpm,
            ["-jpeg", "-jpegopt", "quality=85", "-scale-to", options.PageSize.ToString(CultureInfo.InvariantCulture), "-f", "1", "-l", last, pdf, Path.Combine(output, "page")],
            work,
            ct);
        if (!render.Succeeded)
            return PreviewResult.Failed(format, ConversionFailure.Describe(render, $"The {noun} could not be rendered", options, work), pageCount: pageCount);
        var pagePaths = RenderedPages(output);
        if (pagePaths.Count == 0)
            return PreviewResult.Failed(format, $"The {noun} could not be rendered", pageCount: pageCount);

        var thumbnail = Path.Combine(output, "thumbnail.jpg");
        var small = await images.Thumbnail(pagePaths[0], thumbnail, options.ThumbnailSize, work, ct);
        if (!small.Succeeded)
            return PreviewResult.Failed(format, ConversionFailure.Describe(small, "The thumbnail could not be made", options, work), pageCount: pageCount);
        return new PreviewResult(PreviewStatus.Ready, null, format, thumbnail, pagePaths, pageCount, null, null);
    }

    /// <summary>pdftoppm pads page numbers to the width of the last one (page-01.jpg … page-10.jpg); sort by number.</summary>
    private static List<string> RenderedPages(string directory) =>
        Directory.EnumerateFiles(directory, "page-*.jpg")
            .Select(path => (path, match: PageFile().Match(Path.GetFileName(path))))
            .Where(p => p.match.Success)
            .OrderBy(p => int.Parse(p.match.Groups["n"].Value, CultureInfo.InvariantCulture))
            .Select(p => p.path)
            .ToList();

    [GeneratedRegex(@"^Pages:\s+(?<n>\d{1,9})\s*$", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"^page-(?<n>\d{1,9})\.jpg$")]
    private static partial Regex PageFile();
}
