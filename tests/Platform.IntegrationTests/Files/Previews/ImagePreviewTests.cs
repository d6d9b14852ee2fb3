using System.Diagnostics;
using Platform.LocalResources;
using Platform.Modules.Files.Previews;
using Xunit.Abstractions;
using static Platform.IntegrationTests.Files.Previews.PreviewSandbox;

namespace Platform.IntegrationTests.Files.Previews;

[Collection(PreviewTestGroup.Name)]
public sealed class ImagePreviewTests(ITestOutputHelper output) : IDisposable
{
    private readonly PreviewSandbox _sandbox = new();

    [Fact]
    public async Task A_png_gets_a_page_and_a_thumbnail_scaled_to_their_sizes()
    {
        var png = _sandbox.PathOf("photo.png");
        PngWriter.WriteRgb(png, 2400, 1200, (x, y) => ((byte)x, (byte)y, (byte)(x ^ y)));

        var clock = Stopwatch.StartNew();
        var result = await _sandbox.RenderAsync(png);
        output.WriteLine($"PNG 2400×1200: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(PreviewStatus.Ready, result.Status);
        Assert.Null(result.Reason);
        Assert.Equal(DetectedFormat.Png, result.Format);
        Assert.Equal((2400, 1200), (result.Width, result.Height));
        Assert.Equal(1, result.PageCount);
        Assert.Equal((1600, 800), await ImageSizeAsync(Assert.Single(result.PagePaths)));
        Assert.Equal((320, 160), await ImageSizeAsync(result.ThumbnailPath!));
        await AssertFitsAsync(result.ThumbnailPath!, 320);
    }

    [Fact]
    public async Task A_jpeg_is_recognised_by_its_bytes_whatever_its_name_and_a_small_one_is_not_enlarged()
    {
        var jpeg = _sandbox.PathOf("quarterly report.pdf");
        await ProcessRunner.RunAsync("vips", ["black", _sandbox.PathOf("small.jpg"), "200", "100", "--bands", "3"]);
        File.Move(_sandbox.PathOf("small.jpg"), jpeg);

        var clock = Stopwatch.StartNew();
        var result = await _sandbox.RenderAsync(jpeg);
        output.WriteLine($"JPEG 200×100: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(PreviewStatus.Ready, result.Status);
        Assert.Equal(DetectedFormat.Jpeg, result.Format);
        Assert.Equal((200, 100), await ImageSizeAsync(Assert.Single(result.PagePaths)));
        Assert.Equal((200, 100), await ImageSizeAsync(result.ThumbnailPath!));
    }

    [Theory]
    [InlineData("gif", "GIF")]
    [InlineData("webp", "WebP")]
    [InlineData("tif", "TIFF")]
    [InlineData("heic", "HEIC")]
    [InlineData("avif", "AVIF")]
    public async Task Other_image_formats_made_by_libvips_are_previewed(string extension, string format)
    {
        var png = _sandbox.PathOf("source.png");
        PngWriter.WriteRgb(png, 500, 300, (x, y) => ((byte)x, (byte)y, 90));
        var image = _sandbox.PathOf("image." + extension);
        await ProcessRunner.RunAsync("vips", ["copy", png, image]);
        File.Move(image, _sandbox.PathOf("upload.bin"));

        var clock = Stopwatch.StartNew();
        var result = await _sandbox.RenderAsync(_sandbox.PathOf("upload.bin"));
        output.WriteLine($"{format} 500×300: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(PreviewStatus.Ready, result.Status);
        Assert.Equal(format, result.Format!.Name);
        Assert.Equal((500, 300), (result.Width, result.Height));
        Assert.Equal((500, 300), await ImageSizeAsync(Assert.Single(result.PagePaths)));
        Assert.Equal((320, 192), await ImageSizeAsync(result.ThumbnailPath!));
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header_in_seconds_without_decoding()
    {
        // 50000 × 50000 grey pixels: 2.5 GB once decoded, a few MB on disk.
        var bomb = _sandbox.PathOf("bomb.png");
        var written = Stopwatch.StartNew();
        PngWriter.WriteZeros(bomb, 50_000, 50_000, rowsWritten: 50_000, complete: true);
        output.WriteLine($"bomb written in {written.ElapsedMilliseconds} ms, {new FileInfo(bomb).Length / 1024} KiB");
        Assert.InRange(new FileInfo(bomb).Length, 1, 16 * 1024 * 1024);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = await _sandbox.RenderAsync(bomb);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"bomb refused in {clock.ElapsedMilliseconds} ms, {allocated / 1024} KiB allocated here");

        Assert.Equal(PreviewStatus.Failed, result.Status);
        Assert.Equal("The image is 50000 × 50000 pixels; previews stop at 100 MP", result.Reason);
        Assert.Equal((50_000, 50_000), (result.Width, result.Height));
        Assert.Empty(result.PagePaths);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.InRange(allocated, 0, 64L * 1024 * 1024);
    }

    [Fact]
    public async Task A_bomb_let_past_the_pixel_limit_is_still_stopped_by_the_deadline()
    {
        var bomb = _sandbox.PathOf("bomb.png");
        PngWriter.WriteZeros(bomb, 50_000, 50_000, rowsWritten: 50_000, complete: true);

        var clock = Stopwatch.StartNew();
        var result = await _sandbox.RenderAsync(bomb, o => (o.MaxPixels, o.Timeout) = (5_000_000_000, TimeSpan.FromSeconds(1)));
        output.WriteLine($"bomb past the pixel check stopped after {clock.ElapsedMilliseconds} ms");

        Assert.Equal(PreviewStatus.Failed, result.Status);
        Assert.Equal("Conversion took longer than 1 s", result.Reason);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_truncated_png_with_a_huge_declared_size_fails_on_its_header()
    {
        var png = _sandbox.PathOf("huge-truncated.png");
        PngWriter.WriteZeros(png, 60_000, 60_000, rowsWritten: 10, complete: false);

        var result = await _sandbox.RenderAsync(png);

        Assert.Equal(PreviewStatus.Failed, result.Status);
        Assert.Equal("The image is 60000 × 60000 pixels; previews stop at 100 MP", result.Reason);
    }

    [Fact]
    public async Task A_truncated_png_within_the_pixel_limit_fails_with_the_decoders_reason_and_no_server_path()
    {
        var png = _sandbox.PathOf("truncated.png");
        PngWriter.WriteZeros(png, 8000, 8000, rowsWritten: 100, complete: false);

        var result = await _sandbox.RenderAsync(png);

        Assert.Equal(PreviewStatus.Failed, result.Status);
        Assert.StartsWith("The image could not be decoded: ", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("/", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.PagePaths);
        Assert.Null(result.ThumbnailPath);
    }

    [Fact]
    public async Task A_bmp_is_unsupported_because_its_only_decoder_is_blocked_as_untrusted()
    {
        var bmp = _sandbox.PathOf("picture.bmp");
        // A 24-bit BMP: 14-byte file header, 40-byte DIB header, rows padded to 4 bytes.
        var pixels = new byte[((20 * 3) + 3) / 4 * 4 * 10];
        var header = new byte[54];
        "BM"u8.CopyTo(header);
        BitConverter.GetBytes(54 + pixels.Length).CopyTo(header, 2);
        BitConverter.GetBytes(54).CopyTo(header, 10);
        BitConverter.GetBytes(40).CopyTo(header, 14);
        BitConverter.GetBytes(20).CopyTo(header, 18);
        BitConverter.GetBytes(10).CopyTo(header, 22);
        BitConverter.GetBytes((short)1).CopyTo(header, 26);
        BitConverter.GetBytes((short)24).CopyTo(header, 28);
        await File.WriteAllBytesAsync(bmp, [.. header, .. pixels]);

        var result = await _sandbox.RenderAsync(bmp);

        Assert.Equal(PreviewStatus.Unsupported, result.Status);
        Assert.Equal(DetectedFormat.Bmp, result.Format);
        Assert.Equal("This server cannot safely decode BMP images", result.Reason);
    }

    public void Dispose() => _sandbox.Dispose();
}
