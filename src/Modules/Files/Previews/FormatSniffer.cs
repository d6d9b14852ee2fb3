using System.Text;

namespace Platform.Modules.Files.Previews;

/// <summary>
/// Decides what a file is from its leading bytes (and, for ZIP and OLE2 containers, from their entry names). The
/// uploaded name and the client's content type are never consulted: they are whatever the client says. Text formats
/// (SVG, HTML, XML, plain text) all land in "unsupported": an SVG is active content and is never rasterised here.
/// </summary>
internal static class FormatSniffer
{
    private const int HeadLength = 1024;

    public static DetectedFormat Detect(string path)
    {
        var head = ReadHead(path);
        if (head.Length == 0)
            return DetectedFormat.Other("Empty file");
        return DetectImage(head)
            ?? DetectDocument(head)
            ?? (StartsWith(head, [0x50, 0x4B, 0x03, 0x04]) ? ZipContainerSniffer.Detect(path) : null)
            ?? (StartsWith(head, CompoundFileSniffer.Signature) ? CompoundFileSniffer.Detect(path) : null)
            ?? DetectedFormat.Other("Unknown");
    }

    private static byte[] ReadHead(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var buffer = new byte[HeadLength];
        var length = stream.ReadAtLeast(buffer, HeadLength, throwOnEndOfStream: false);
        return buffer[..length];
    }

    private static DetectedFormat? DetectImage(ReadOnlySpan<byte> head)
    {
        if (StartsWith(head, [0xFF, 0xD8, 0xFF]))
            return DetectedFormat.Jpeg;
        if (StartsWith(head, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return DetectedFormat.Png;
        if (StartsWith(head, "GIF87a"u8) || StartsWith(head, "GIF89a"u8))
            return DetectedFormat.Gif;
        if (StartsWith(head, "RIFF"u8) && head.Length >= 12 && head[8..12].SequenceEqual("WEBP"u8))
            return DetectedFormat.WebP;
        // Classic TIFF (42) and BigTIFF (43), either byte order.
        if (StartsWith(head, "II*\0"u8) || StartsWith(head, "MM\0*"u8) || StartsWith(head, "II+\0"u8) || StartsWith(head, "MM\0+"u8))
            return DetectedFormat.Tiff;
        if (IsBmp(head))
            return DetectedFormat.Bmp;
        return DetectHeif(head);
    }

    /// <summary>"BM" alone is too weak (any text starting "BM…"), so the DIB header size must be one BMP defines.</summary>
    private static bool IsBmp(ReadOnlySpan<byte> head) =>
        StartsWith(head, "BM"u8) && head.Length >= 18 && BitConverter.ToUInt32(head[14..18]) is 12 or 40 or 52 or 56 or 64 or 108 or 124;

    /// <summary>HEIF/AVIF: an ISO-BMFF "ftyp" box whose brands name an image (not a video) format.</summary>
    private static DetectedFormat? DetectHeif(ReadOnlySpan<byte> head)
    {
        if (head.Length < 16 || !head[4..8].SequenceEqual("ftyp"u8))
            return null;
        var boxLength = (int)Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head), (uint)head.Length);
        var brands = new List<string> { Encoding.ASCII.GetString(head[8..12]) };
        for (var offset = 16; offset + 4 <= boxLength; offset += 4)
            brands.Add(Encoding.ASCII.GetString(head[offset..(offset + 4)]));
        if (brands.Contains("avif") || brands.Contains("avis"))
            return DetectedFormat.Avif;
        return brands.Any(b => b is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1") ? DetectedFormat.Heic : null;
    }

    private static DetectedFormat? DetectDocument(ReadOnlySpan<byte> head)
    {
        // Readers accept a PDF header anywhere in the first kilobyte (some producers prepend junk), and so does poppler.
        if (head.IndexOf("%PDF-"u8) >= 0)
            return DetectedFormat.Pdf;
        if (StartsWith(head, @"{\rtf"u8))
            return DetectedFormat.Rtf;
        return null;
    }

    internal static bool StartsWith(ReadOnlySpan<byte> data, ReadOnlySpan<byte> prefix) => data.StartsWith(prefix);
}
