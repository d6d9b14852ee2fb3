using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Platform.Modules.Files.Previews;

/// <summary>
/// Tells OOXML (docx/xlsx/pptx) and ODF (odt/ods/odp/odg) packages from other ZIP files by their entries. Only the
/// central directory and the few bytes of ODF's "mimetype" entry are read, and the entry count is checked first, so
/// a hostile archive (millions of entries, a deflate bomb) costs this process next to nothing.
/// </summary>
internal static class ZipContainerSniffer
{
    /// <summary>Real documents have tens to a few thousand parts; more is an attack or not a document.</summary>
    private const int MaxEntries = 20_000;

    private const int MaxDirectoryBytes = 16 * 1024 * 1024;

    private const int EndRecordLength = 22;

    public static DetectedFormat Detect(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var entries = CountEntries(stream);
            if (entries is null)
                return DetectedFormat.Other("Damaged ZIP archive");
            if (entries > MaxEntries)
                return DetectedFormat.Other("ZIP archive with too many entries");
            stream.Position = 0;
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
            return Classify(archive);
        }
        catch (InvalidDataException)
        {
            return DetectedFormat.Other("Damaged ZIP archive");
        }
    }

    private static DetectedFormat Classify(ZipArchive archive)
    {
        var names = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        if (names.Contains("[Content_Types].xml"))
        {
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal)))
                return DetectedFormat.Docx;
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal)))
                return DetectedFormat.Xlsx;
            if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal)))
                return DetectedFormat.Pptx;
            return DetectedFormat.Other("OOXML package");
        }

        var mimetype = archive.GetEntry("mimetype");
        return mimetype is null ? DetectedFormat.Other("ZIP archive") : ClassifyOdf(ReadShort(mimetype));
    }

    private static DetectedFormat ClassifyOdf(string mimetype)
    {
        // Templates ("…text-template") and master documents ("…text-master") open like their base type.
        const string odf = "application/vnd.oasis.opendocument.";
        if (!mimetype.StartsWith(odf, StringComparison.Ordinal))
            return DetectedFormat.Other("ZIP archive");
        return mimetype[odf.Length..].Split('-')[0] switch
        {
            "text" => DetectedFormat.Odt,
            "spreadsheet" => DetectedFormat.Ods,
            "presentation" => DetectedFormat.Odp,
            "graphics" => DetectedFormat.Odg,
            // Formulas, charts and databases have no pages worth showing.
            _ => DetectedFormat.Other("OpenDocument " + mimetype[odf.Length..]),
        };
    }

    private static string ReadShort(ZipArchiveEntry entry)
    {
        using var content = entry.Open();
        var buffer = new byte[100];
        var length = content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.ASCII.GetString(buffer, 0, length).Trim();
    }

    /// <summary>
    /// The entry count from the end-of-central-directory record, or null when there is none. A directory larger than
    /// a document needs counts as too many entries, so a record that lies about the count cannot make us read one.
    /// </summary>
    private static int? CountEntries(FileStream stream)
    {
        // The record sits at the very end, after a comment of at most 64 KiB.
        var tailLength = (int)Math.Min(stream.Length, EndRecordLength + ushort.MaxValue);
        var tail = new byte[tailLength];
        stream.Position = stream.Length - tailLength;
        stream.ReadExactly(tail);
        for (var at = tailLength - EndRecordLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != 0x06054B50)
                continue;
            var count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            var directoryBytes = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at + 12));
            // 0xFFFF means ZIP64: more entries than any document has.
            return count == ushort.MaxValue || directoryBytes > MaxDirectoryBytes ? int.MaxValue : count;
        }

        return null;
    }
}
