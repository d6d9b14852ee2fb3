namespace Platform.Modules.Files.Previews;

internal enum PreviewStatus
{
    /// <summary>Thumbnail and pages were written.</summary>
    Ready,

    /// <summary>The file is of a supported kind but could not be rendered (damaged, encrypted, too large in pixels, too slow…).</summary>
    Failed,

    /// <summary>No preview is made for this kind of file.</summary>
    Unsupported,

    /// <summary>The file is larger than <see cref="PreviewOptions.MaxInputBytes"/>; it was not looked at.</summary>
    Skipped,
}

/// <summary>
/// The outcome of one rendering. Paths point into the work directory the caller passed; the caller uploads them
/// and then deletes the directory.
/// </summary>
/// <param name="Reason">Why there is no preview, in words a user can read; null when <see cref="PreviewStatus.Ready"/>.</param>
/// <param name="Format">What the content is by its bytes (the client's name and content type are never trusted); null when skipped.</param>
/// <param name="ThumbnailPath">A JPEG whose longest side is at most <see cref="PreviewOptions.ThumbnailSize"/>.</param>
/// <param name="PagePaths">JPEGs whose longest side is at most <see cref="PreviewOptions.PageSize"/>: the image itself, or
/// pages 1..min(<see cref="PreviewOptions.MaxPages"/>, <see cref="PageCount"/>) of a document.</param>
/// <param name="PageCount">Pages of the whole document (1 for an image).</param>
/// <param name="Width">Pixel width of an original image; null for documents.</param>
/// <param name="Height">Pixel height of an original image; null for documents.</param>
internal sealed record PreviewResult(
    PreviewStatus Status,
    string? Reason,
    DetectedFormat? Format,
    string? ThumbnailPath,
    IReadOnlyList<string> PagePaths,
    int? PageCount,
    int? Width,
    int? Height)
{
    public static PreviewResult Skipped(string reason) => new(PreviewStatus.Skipped, reason, null, null, [], null, null, null);

    public static PreviewResult Unsupported(DetectedFormat format, string reason) =>
        new(PreviewStatus.Unsupported, reason, format, null, [], null, null, null);

    public static PreviewResult Failed(DetectedFormat format, string reason, int? width = null, int? height = null, int? pageCount = null) =>
        new(PreviewStatus.Failed, reason, format, null, [], pageCount, width, height);
}
