using System.Diagnostics;
using Platform.LocalResources;
using Platform.Modules.Files.Previews;
using Xunit.Abstractions;
using static Platform.IntegrationTests.Files.Previews.PreviewSandbox;

namespace Platform.IntegrationTests.Files.Previews;

[Collection(PreviewTestGroup.Name)]
public sealed class OfficePreviewTests(ITestOutputHelper output) : IDisposable
{
    private readonly PreviewSandbox _sandbox = new();

    [Fact]
    public async Task A_docx_is_converted_by_libreoffice_and_its_pages_rendered_whatever_its_name()
    {
        // The uploaded name is hostile on purpose: it must never reach a command line.
        var docx = _sandbox.PathOf("--convert-to x; $(touch pwned) .docx");
        DocumentWriter.WriteDocx(docx, "First page", "Second page");

        var clock = Stopwatch.StartNew();
        var result = await _sandbox.RenderAsync(docx);
        output.WriteLine($"DOCX, 2 pages, LibreOffice with a fresh profile: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(PreviewStatus.Ready, result.Status);
        Assert.Equal(DetectedFormat.Docx, result.Format);
        Assert.Equal(2, result.PageCount);
        Assert.Equal(2, result.PagePaths.Count);
        foreach (var page in result.PagePaths)
            await AssertFitsAsync(page, 1600);
        await AssertFitsAsync(result.ThumbnailPath!, 320);
        Assert.False(File.Exists(_sandbox.PathOf("pwned")));
    }

    [Fact]
    public async Task A_word_97_file_is_recognised_inside_its_ole2_container_and_converted()
    {
        var docx = _sandbox.PathOf("letter.docx");
        DocumentWriter.WriteDocx(docx, "A letter in the old format");
        var profile = new Uri(_sandbox.PathOf("test-profile")).AbsoluteUri;
        await ProcessRunner.RunAsync(
            "soffice",
            ["-env:UserInstallation=" + profile, "--headless", "--norestore", "--convert-to", "doc", "--outdir", _sandbox.PathOf("made"), docx],
            new ProcessRunOptions { Environment = new Dictionary<string, string?> { ["HOME"] = _sandbox.Root } });
        var doc = _sandbox.PathOf("upload");
        File.Move(_sandbox.PathOf("made/letter.doc"), doc);

        var clock = Stopwatch.StartNew();
        var result = await _sandbox.RenderAsync(doc);
        output.WriteLine($"DOC (Word 97), 1 page: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(DetectedFormat.Doc, result.Format);
        Assert.Equal(PreviewStatus.Ready, result.Status);
        Assert.Equal(1, result.PageCount);
        await AssertFitsAsync(Assert.Single(result.PagePaths), 1600);
    }

    [Fact]
    public async Task A_spreadsheet_and_a_presentation_are_converted_too()
    {
        // Made by LibreOffice itself from a CSV and from a flat ODF presentation: real xlsx and pptx packages.
        var csv = _sandbox.PathOf("budget.csv");
        await File.WriteAllTextAsync(csv, "item,amount\nrent,1200\nfood,300\n");
        var slides = _sandbox.PathOf("talk.fodp");
        await File.WriteAllTextAsync(slides, """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
              xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
              office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">
             <office:body><office:presentation>
              <draw:page draw:name="one"><draw:frame svg:x="2cm" svg:y="2cm" svg:width="10cm" svg:height="3cm"><draw:text-box><text:p>First</text:p></draw:text-box></draw:frame></draw:page>
              <draw:page draw:name="two"><draw:frame svg:x="2cm" svg:y="2cm" svg:width="10cm" svg:height="3cm"><draw:text-box><text:p>Second</text:p></draw:text-box></draw:frame></draw:page>
             </office:presentation></office:body></office:document>
            """);
        var profile = new Uri(_sandbox.PathOf("test-profile")).AbsoluteUri;
        foreach (var (input, format, pages) in new[] { (csv, "xlsx", 1), (slides, "pptx", 2) })
        {
            await ProcessRunner.RunAsync("soffice",
                ["-env:UserInstallation=" + profile, "--headless", "--norestore", "--convert-to", format, "--outdir", _sandbox.PathOf("made"), input],
                new ProcessRunOptions { Environment = new Dictionary<string, string?> { ["HOME"] = _sandbox.Root } });
            var made = Directory.GetFiles(_sandbox.PathOf("made"), "*." + format).Single();
            var result = await _sandbox.RenderAsync(made);
            output.WriteLine($"{format}: {result.Status} {result.Reason}");
            Assert.Equal(PreviewStatus.Ready, result.Status);
            Assert.Equal(pages, result.PageCount);
            await AssertFitsAsync(result.ThumbnailPath!, 320);
        }
    }

    [Fact]
    public async Task An_rtf_file_goes_through_libreoffice()
    {
        var rtf = _sandbox.PathOf("note.txt");
        await File.WriteAllTextAsync(rtf, @"{\rtf1\ansi\deff0 {\fonttbl {\f0 Helvetica;}}\f0\fs48 Rich text\par}");

        var clock = Stopwatch.StartNew();
        var result = await _sandbox.RenderAsync(rtf);
        output.WriteLine($"RTF, 1 page: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(DetectedFormat.Rtf, result.Format);
        Assert.Equal(PreviewStatus.Ready, result.Status);
        Assert.Equal(1, result.PageCount);
        await AssertFitsAsync(result.ThumbnailPath!, 320);
    }

    public void Dispose() => _sandbox.Dispose();
}
