namespace Platform.Modules.Files.Previews;

internal enum PreviewKind
{
    Unsupported,
    Image,
    Pdf,
    Office,
}

/// <summary>What a file is, judged by its bytes.</summary>
/// <param name="Name">A short label for logs and reasons ("PNG", "DOCX", "Word 97–2003").</param>
/// <param name="Extension">The extension the converters get to see (LibreOffice picks its import filter by it); empty when unsupported.</param>
/// <param name="PasswordProtected">True when the container itself says it is encrypted (an encrypted OOXML package).</param>
internal sealed record DetectedFormat(PreviewKind Kind, string Name, string Extension, string MimeType, bool PasswordProtected = false)
{
    public static readonly DetectedFormat Jpeg = new(PreviewKind.Image, "JPEG", ".jpg", "image/jpeg");
    public static readonly DetectedFormat Png = new(PreviewKind.Image, "PNG", ".png", "image/png");
    public static readonly DetectedFormat Gif = new(PreviewKind.Image, "GIF", ".gif", "image/gif");
    public static readonly DetectedFormat WebP = new(PreviewKind.Image, "WebP", ".webp", "image/webp");
    public static readonly DetectedFormat Tiff = new(PreviewKind.Image, "TIFF", ".tif", "image/tiff");
    public static readonly DetectedFormat Bmp = new(PreviewKind.Image, "BMP", ".bmp", "image/bmp");
    public static readonly DetectedFormat Heic = new(PreviewKind.Image, "HEIC", ".heic", "image/heic");
    public static readonly DetectedFormat Avif = new(PreviewKind.Image, "AVIF", ".avif", "image/avif");
    public static readonly DetectedFormat Pdf = new(PreviewKind.Pdf, "PDF", ".pdf", "application/pdf");
    public static readonly DetectedFormat Rtf = new(PreviewKind.Office, "RTF", ".rtf", "application/rtf");
    public static readonly DetectedFormat Docx = new(PreviewKind.Office, "DOCX", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    public static readonly DetectedFormat Xlsx = new(PreviewKind.Office, "XLSX", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static readonly DetectedFormat Pptx = new(PreviewKind.Office, "PPTX", ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    public static readonly DetectedFormat Odt = new(PreviewKind.Office, "ODT", ".odt", "application/vnd.oasis.opendocument.text");
    public static readonly DetectedFormat Ods = new(PreviewKind.Office, "ODS", ".ods", "application/vnd.oasis.opendocument.spreadsheet");
    public static readonly DetectedFormat Odp = new(PreviewKind.Office, "ODP", ".odp", "application/vnd.oasis.opendocument.presentation");
    public static readonly DetectedFormat Odg = new(PreviewKind.Office, "ODG", ".odg", "application/vnd.oasis.opendocument.graphics");
    public static readonly DetectedFormat Doc = new(PreviewKind.Office, "Word 97–2003", ".doc", "application/msword");
    public static readonly DetectedFormat Xls = new(PreviewKind.Office, "Excel 97–2003", ".xls", "application/vnd.ms-excel");
    public static readonly DetectedFormat Ppt = new(PreviewKind.Office, "PowerPoint 97–2003", ".ppt", "application/vnd.ms-powerpoint");

    /// <summary>An Office 2007+ file saved with a password: an OLE2 wrapper around an encrypted package.</summary>
    public static readonly DetectedFormat EncryptedOoxml = new(PreviewKind.Office, "Encrypted Office document", ".docx", "application/octet-stream", PasswordProtected: true);

    public static DetectedFormat Other(string name) => new(PreviewKind.Unsupported, name, "", "application/octet-stream");
}
