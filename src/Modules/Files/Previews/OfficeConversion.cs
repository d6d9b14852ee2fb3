namespace Platform.Modules.Files.Previews;

/// <summary>
/// Office documents: LibreOffice converts to PDF, then the PDF path renders the pages. Each conversion gets its own
/// profile in the work directory, so parallel conversions never share (or lock) one, and the profile is seeded with
/// settings that keep a hostile document inert: no macros at all, no fetching of linked content.
/// </summary>
internal sealed class OfficeConversion(ConverterRunner runner, PdfPreview pdfs, PreviewOptions options)
{
    private const string Settings = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
        <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
        <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
        <item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
        </oor:items>
        """;

    public async Task<PreviewResult> RenderAsync(string input, DetectedFormat format, string work, CancellationToken ct)
    {
        if (format.PasswordProtected)
            return PreviewResult.Failed(format, "The document is password-protected");

        var profile = Path.Combine(work, "lo-profile");
        Directory.CreateDirectory(Path.Combine(profile, "user"));
        await File.WriteAllTextAsync(Path.Combine(profile, "user", "registrymodifications.xcu"), Settings, ct);
        var outputDirectory = Path.Combine(work, "converted");
        var convert = await runner.RunAsync(
            options.Tools.Soffice,
            [
                "-env:UserInstallation=" + new Uri(profile).AbsoluteUri,
                "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                "--convert-to", "pdf", "--outdir", outputDirectory, input,
            ],
            work,
            ct);
        var pdf = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(input) + ".pdf");
        if (!convert.Succeeded)
            return PreviewResult.Failed(format, ConversionFailure.Describe(convert, "The document could not be converted", options, work));
        // soffice exits 0 even when it could not load the file; the missing PDF is the only sign.
        if (!File.Exists(pdf))
        {
            return PreviewResult.Failed(
                format, "The document could not be opened: it may be damaged, password-protected or of a kind this server cannot convert");
        }

        return await pdfs.RenderAsync(pdf, format, "document", work, ct);
    }
}
