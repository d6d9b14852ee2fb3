using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Modules.Files.Previews;

/// <summary>
/// Images: the header is read first (vipsheader decodes no pixels), so a decompression bomb is refused before any
/// decoder allocates for it; then <c>vips thumbnail</c> (the operation behind vipsthumbnail, which also takes
/// <c>--fail-on</c>) makes the page, shrinking on load where the format allows. Multi-frame images show frame 1.
/// </summary>
internal sealed partial class ImagePreview(ConverterRunner runner, PreviewOptions options)
{
    /// <summary>The loader libvips must pick for each format; anything else means the sniffing disagreed.</summary>
    private static readonly Dictionary<string, string> Loaders = new()
    {
        [DetectedFormat.Jpeg.Name] = "jpegload",
        [DetectedFormat.Png.Name] = "pngload",
        [DetectedFormat.Gif.Name] = "gifload",
        [DetectedFormat.WebP.Name] = "webpload",
        [DetectedFormat.Tiff.Name] = "tiffload",
        [DetectedFormat.Heic.Name] = "heifload",
        [DetectedFormat.Avif.Name] = "heifload",
    };

    public async Task<PreviewResult> RenderAsync(string input, DetectedFormat format, string work, CancellationToken ct)
    {
        var header = await runner.RunAsync(options.Tools.VipsHeader, [input], work, ct);
        if (!header.Succeeded)
        {
            // BMP has no libvips loader of its own; its fallback (ImageMagick) is blocked as untrusted.
            return header.StandardError.Contains("is blocked", StringComparison.Ordinal) || header.StandardError.Contains("not a known file format", StringComparison.Ordinal)
                ? PreviewResult.Unsupported(format, $"This server cannot safely decode {format.Name} images")
                : PreviewResult.Failed(format, ConversionFailure.Describe(header, "The image could not be read", options, work));
        }

        if (HeaderLine().Match(header.StandardOutput) is not { Success: true } match)
            return PreviewResult.Failed(format, "The image could not be read: its header is not understood");
        var width = int.Parse(match.Groups["w"].Value, CultureInfo.InvariantCulture);
        var height = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        if (!Loaders.TryGetValue(format.Name, out var loader) || loader != match.Groups["loader"].Value)
            return PreviewResult.Unsupported(format, $"This server cannot safely decode {format.Name} images");
        if ((long)width * height > options.MaxPixels)
        {
            return PreviewResult.Failed(
                format, $"The image is {width} × {height} pixels; previews stop at {Megapixels(options.MaxPixels)}", width, height);
        }

        var output = Directory.CreateDirectory(Path.Combine(work, "preview")).FullName;
        var page = Path.Combine(output, "page-1.jpg");
        var shrink = await Thumbnail(input, page, options.PageSize, work, ct);
        if (!shrink.Succeeded)
            return PreviewResult.Failed(format, ConversionFailure.Describe(shrink, "The image could not be decoded", options, work), width, height);
        var thumbnail = Path.Combine(output, "thumbnail.jpg");
        var small = await Thumbnail(page, thumbnail, options.ThumbnailSize, work, ct);
        if (!small.Succeeded)
            return PreviewResult.Failed(format, ConversionFailure.Describe(small, "The thumbnail could not be made", options, work), width, height);
        return new PreviewResult(PreviewStatus.Ready, null, format, thumbnail, [page], 1, width, height);
    }

    /// <summary>Fits the image in a <paramref name="size"/> square, never enlarging it, flattened on white.</summary>
    public Task<BoundedProcessOutcome> Thumbnail(string input, string output, int size, string work, CancellationToken ct)
    {
        var side = size.ToString(CultureInfo.InvariantCulture);
        // A truncated file must fail rather than come out as a half-grey picture.
        return runner.RunAsync(
            options.Tools.Vips,
            ["thumbnail", input, output + "[Q=85,strip,background=255]", side, "--height", side, "--size", "down", "--fail-on", "truncated"],
            work,
            ct);
    }

    private static string Megapixels(long pixels) =>
        (pixels / 1_000_000d).ToString("0.#", CultureInfo.InvariantCulture) + " MP";

    /// <summary>"input.png: 300x200 uchar, 3 bands, srgb, pngload".</summary>
    [GeneratedRegex(@": (?<w>\d{1,9})x(?<h>\d{1,9}) .*, (?<loader>\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex HeaderLine();
}
