using System.Diagnostics;
using System.Text;
using Platform.LocalResources;
using Platform.Modules.Files.Previews;
using Xunit.Abstractions;
using static Platform.IntegrationTests.Files.Previews.PreviewSandbox;

namespace Platform.IntegrationTests.Files.Previews;

[Collection(PreviewTestGroup.Name)]
public sealed class PdfPreviewTests(ITestOutputHelper output) : IDisposable
{
    private readonly PreviewSandbox _sandbox = new();

    [Fact]
    public async Task A_long_pdf_gets_its_first_pages_rendered_and_its_full_page_count()
    {
        var pdf = _sandbox.PathOf("long.pdf");
        DocumentWriter.WritePdf(pdf, pages: 12);

        var clock = Stopwatch.StartNew();
        var result = await _sandbox.RenderAsync(pdf);
        output.WriteLine($"PDF, 12 pages (10 rendered): {clock.ElapsedMilliseconds} ms");

        Assert.Equal(PreviewStatus.Ready, result.Status);
        Assert.Equal(DetectedFormat.Pdf, result.Format);
        Assert.Equal(12, result.PageCount);
        Assert.Equal(10, result.PagePaths.Count);
        Assert.Equal(Enumerable.Range(1, 10), result.PagePaths.Select(PageNumber));
        // Letter paper, 612 × 792 pt, scaled so its height is the page size.
        Assert.Equal((1237, 1600), await ImageSizeAsync(result.PagePaths[0]));
        foreach (var page in result.PagePaths)
            await AssertFitsAsync(page, 1600);
        await AssertFitsAsync(result.ThumbnailPath!, 320);
        Assert.Null(result.Width);
    }

    [Fact]
    public async Task A_page_with_an_absurd_mediabox_is_rendered_at_the_page_size()
    {
        var pdf = _sandbox.PathOf("huge.pdf");
        DocumentWriter.WritePdf(pdf, pages: 1, width: 200_000, height: 200_000);

        var clock = Stopwatch.StartNew();
        var result = await _sandbox.RenderAsync(pdf);
        output.WriteLine($"PDF with a 200000-pt MediaBox: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(PreviewStatus.Ready, result.Status);
        Assert.Equal((1600, 1600), await ImageSizeAsync(Assert.Single(result.PagePaths)));
        await AssertFitsAsync(result.ThumbnailPath!, 320);
    }

    [Fact]
    public async Task A_corrupt_pdf_fails_with_the_readers_reason()
    {
        var garbage = _sandbox.PathOf("garbage.pdf");
        await File.WriteAllTextAsync(garbage, "%PDF-1.7\n" + new string('x', 5000), Encoding.ASCII);
        var truncated = _sandbox.PathOf("truncated.pdf");
        DocumentWriter.WritePdf(_sandbox.PathOf("whole.pdf"), pages: 3);
        await File.WriteAllBytesAsync(truncated, (await File.ReadAllBytesAsync(_sandbox.PathOf("whole.pdf")))[..400]);

        foreach (var pdf in new[] { garbage, truncated })
        {
            var result = await _sandbox.RenderAsync(pdf);

            Assert.Equal(PreviewStatus.Failed, result.Status);
            Assert.Equal(DetectedFormat.Pdf, result.Format);
            Assert.StartsWith("The PDF is damaged or cannot be read: Syntax Error", result.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(_sandbox.Root, result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_password_protected_pdf_fails_saying_so_but_one_only_restricted_by_an_owner_password_renders()
    {
        var plain = _sandbox.PathOf("plain.pdf");
        DocumentWriter.WritePdf(plain, pages: 2);
        var locked = _sandbox.PathOf("locked.pdf");
        await ProcessRunner.RunAsync("qpdf", ["--encrypt", "user", "owner", "256", "--", plain, locked]);
        var restricted = _sandbox.PathOf("restricted.pdf");
        await ProcessRunner.RunAsync("qpdf", ["--encrypt", "", "owner", "256", "--print=none", "--", plain, restricted]);

        var lockedResult = await _sandbox.RenderAsync(locked);
        var restrictedResult = await _sandbox.RenderAsync(restricted);

        Assert.Equal(PreviewStatus.Failed, lockedResult.Status);
        Assert.Equal("The PDF is password-protected", lockedResult.Reason);
        Assert.Equal(PreviewStatus.Ready, restrictedResult.Status);
        Assert.Equal(2, restrictedResult.PageCount);
    }

    public void Dispose() => _sandbox.Dispose();

    /// <summary>pdftoppm names pages page-01.jpg … page-12.jpg (padded to the page count's width).</summary>
    private static int PageNumber(string path) =>
        int.Parse(Path.GetFileNameWithoutExtension(path)["page-".Length..], System.Globalization.CultureInfo.InvariantCulture);
}
