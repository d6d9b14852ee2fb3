namespace Platform.Modules.Files.Previews;

/// <summary>
/// The external programs previews run (settings under <c>Platform:Files:Previews:Tools</c>). Packages: libvips-tools,
/// poppler-utils, libreoffice (writer at least; calc/impress for spreadsheets and slides), util-linux.
/// </summary>
internal sealed class PreviewToolPaths
{
    public string Vips { get; set; } = "vips";

    public string VipsHeader { get; set; } = "vipsheader";

    public string PdfInfo { get; set; } = "pdfinfo";

    public string PdfToPpm { get; set; } = "pdftoppm";

    public string Soffice { get; set; } = "soffice";

    /// <summary>Applies the memory, CPU-time and file-size limits; it then execs the tool.</summary>
    public string Prlimit { get; set; } = "prlimit";

    /// <summary>Starts each tool in its own session so a timeout can kill everything it forked.</summary>
    public string Setsid { get; set; } = "setsid";

    /// <summary>Gives each tool a network namespace of its own (see <see cref="PreviewOptions.IsolateNetwork"/>).</summary>
    public string Unshare { get; set; } = "unshare";
}
