using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Modules.Files.Previews;

/// <summary>
/// Makes the thumbnail and viewer pages of one local file. Every decoder runs in a separate, resource-limited
/// process (see <see cref="BoundedProcess"/>): parsing hostile files in the server process is exactly what this
/// avoids. A bad file never throws: it ends as Failed, Unsupported or Skipped with a reason; only cancellation
/// propagates.
/// </summary>
internal sealed class PreviewRenderer(IOptions<FilesOptions> filesOptions, ILogger<PreviewRenderer> logger)
{
    private readonly PreviewOptions _options = filesOptions.Value.Previews;

    /// <param name="inputPath">The file to preview; only read. Its name is never used.</param>
    /// <param name="workDirectory">A private directory for this rendering (created if missing). The outputs are
    /// written there; the caller uploads them and deletes the directory.</param>
    public async Task<PreviewResult> RenderAsync(string inputPath, string workDirectory, CancellationToken ct)
    {
        DetectedFormat? format = null;
        try
        {
            var size = new FileInfo(inputPath).Length;
            if (size > _options.MaxInputBytes)
            {
                return PreviewResult.Skipped(
                    $"The file is {ConversionFailure.Bytes(size)}; previews stop at {ConversionFailure.Bytes(_options.MaxInputBytes)}");
            }

            format = FormatSniffer.Detect(inputPath);
            if (format.Kind == PreviewKind.Unsupported)
                return PreviewResult.Unsupported(format, size == 0 ? "The file is empty" : "There is no preview for this type of file");

            var work = Directory.CreateDirectory(workDirectory).FullName;
            // The converters see a fixed name with the detected extension: never the uploaded name (which could be
            // "-rf", "../x" or a LibreOffice option) and never the client's extension.
            var input = Path.Combine(work, "input" + format.Extension);
            File.Copy(inputPath, input, overwrite: true);
            var result = await RenderAsync(input, format, work, ct);
            logger.LogInformation(
                "Preview of a {Format} file: {Status} {Reason}", format.Name, result.Status, result.Reason);
            return result;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (ConverterUnavailableException ex)
        {
            logger.LogError(ex, "Preview tools are missing or cannot start; check Platform:Files:Previews:Tools");
            return PreviewResult.Failed(format ?? DetectedFormat.Other("Unknown"), "Previews are not available on this server at the moment");
        }
        catch (Exception ex)
        {
            // A bug or the work directory's disk, not the file: say so without internals, and log the details.
            logger.LogError(ex, "Preview rendering failed unexpectedly");
            return PreviewResult.Failed(format ?? DetectedFormat.Other("Unknown"), "The preview could not be made because of a server error");
        }
    }

    private Task<PreviewResult> RenderAsync(string input, DetectedFormat format, string work, CancellationToken ct)
    {
        var runner = new ConverterRunner(_options);
        var images = new ImagePreview(runner, _options);
        var pdfs = new PdfPreview(runner, images, _options);
        return format.Kind switch
        {
            PreviewKind.Image => images.RenderAsync(input, format, work, ct),
            PreviewKind.Pdf => pdfs.RenderAsync(input, format, "PDF", work, ct),
            PreviewKind.Office => new OfficeConversion(runner, pdfs, _options).RenderAsync(input, format, work, ct),
            _ => Task.FromResult(PreviewResult.Unsupported(format, "There is no preview for this type of file")),
        };
    }
}
