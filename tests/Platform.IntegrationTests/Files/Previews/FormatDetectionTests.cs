using System.IO.Compression;
using System.Text;
using Platform.Modules.Files.Previews;

namespace Platform.IntegrationTests.Files.Previews;

/// <summary>The kind of a file comes from its bytes; names and text formats that could carry active content get no preview.</summary>
[Collection(PreviewTestGroup.Name)]
public sealed class FormatDetectionTests : IDisposable
{
    private readonly PreviewSandbox _sandbox = new();

    [Theory]
    [InlineData("drawing.svg", """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>""")]
    [InlineData("page.html", "<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>")]
    [InlineData("notes.png", "Just text with an image's name")]
    [InlineData("header.bmp", "BM but not a bitmap at all, just a line of text")]
    public async Task Svg_html_and_other_text_are_unsupported(string name, string content)
    {
        var path = _sandbox.PathOf(name);
        await File.WriteAllTextAsync(path, content, Encoding.UTF8);

        var result = await _sandbox.RenderAsync(path);

        Assert.Equal(PreviewStatus.Unsupported, result.Status);
        Assert.Equal("There is no preview for this type of file", result.Reason);
        Assert.Equal(PreviewKind.Unsupported, result.Format!.Kind);
        Assert.Null(result.ThumbnailPath);
    }

    [Fact]
    public async Task An_empty_file_is_unsupported_and_says_so()
    {
        var path = _sandbox.PathOf("empty.pdf");
        await File.WriteAllBytesAsync(path, []);

        var result = await _sandbox.RenderAsync(path);

        Assert.Equal(PreviewStatus.Unsupported, result.Status);
        Assert.Equal("The file is empty", result.Reason);
    }

    [Fact]
    public void Zip_containers_are_told_apart_by_their_entries()
    {
        Assert.Equal(DetectedFormat.Docx, Detect(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>")));
        Assert.Equal(DetectedFormat.Xlsx, Detect(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<x/>")));
        Assert.Equal(DetectedFormat.Pptx, Detect(("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p/>")));
        Assert.Equal(DetectedFormat.Odt, Detect(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<c/>")));
        Assert.Equal(DetectedFormat.Ods, Detect(("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<c/>")));
        Assert.Equal(DetectedFormat.Odt, Detect(("mimetype", "application/vnd.oasis.opendocument.text-template")));
        Assert.Equal(PreviewKind.Unsupported, Detect(("mimetype", "application/epub+zip"), ("OEBPS/book.xhtml", "<html/>")).Kind);
        Assert.Equal(PreviewKind.Unsupported, Detect(("readme.txt", "hello"), ("word/document.xml", "no content types")).Kind);
    }

    [Fact]
    public void Damaged_containers_are_unsupported_rather_than_an_exception()
    {
        var zip = _sandbox.PathOf("damaged.zip");
        File.WriteAllBytes(zip, [.. "PK\u0003\u0004"u8, .. new byte[500]]);
        var ole = _sandbox.PathOf("damaged.doc");
        File.WriteAllBytes(ole, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[1000]]);

        Assert.Equal(PreviewKind.Unsupported, FormatSniffer.Detect(zip).Kind);
        Assert.Equal(PreviewKind.Unsupported, FormatSniffer.Detect(ole).Kind);
    }

    [Fact]
    public void Pdf_and_rtf_are_recognised_by_their_signatures()
    {
        var pdf = _sandbox.PathOf("a");
        File.WriteAllText(pdf, "\n\n%PDF-1.7\n");
        var rtf = _sandbox.PathOf("b");
        File.WriteAllText(rtf, @"{\rtf1\ansi Hello}");

        Assert.Equal(DetectedFormat.Pdf, FormatSniffer.Detect(pdf));
        Assert.Equal(DetectedFormat.Rtf, FormatSniffer.Detect(rtf));
    }

    public void Dispose() => _sandbox.Dispose();

    private DetectedFormat Detect(params (string Name, string Content)[] entries)
    {
        var path = _sandbox.PathOf(Guid.NewGuid().ToString("N"));
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return FormatSniffer.Detect(path);
    }
}
