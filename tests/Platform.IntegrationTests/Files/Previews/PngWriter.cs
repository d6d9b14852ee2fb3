using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Platform.IntegrationTests.Files.Previews;

/// <summary>Writes PNGs chunk by chunk, streaming the compressed rows, so even a 2.5-gigapixel bomb costs a row of memory.</summary>
internal static class PngWriter
{
    private const int IdatChunkBytes = 1 << 20;
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>An 8-bit RGB image whose pixels come from <paramref name="pixel"/>.</summary>
    public static void WriteRgb(string path, int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel) =>
        Write(path, width, height, colorType: 2, bytesPerPixel: 3, rows: height, complete: true, fillRow: (y, row) =>
        {
            for (var x = 0; x < width; x++)
                (row[1 + (3 * x)], row[2 + (3 * x)], row[3 + (3 * x)]) = pixel(x, y);
        });

    /// <summary>
    /// An 8-bit grey image of zeros. With <paramref name="rowsWritten"/> below <paramref name="height"/> and
    /// <paramref name="complete"/> false, the data stops mid-stream and IEND is missing: a truncated upload.
    /// </summary>
    public static void WriteZeros(string path, int width, int height, int rowsWritten, bool complete) =>
        Write(path, width, height, colorType: 0, bytesPerPixel: 1, rows: rowsWritten, complete, fillRow: (_, _) => { });

    private static void Write(string path, int width, int height, byte colorType, int bytesPerPixel, int rows, bool complete, Action<int, byte[]> fillRow)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8; // bit depth
        header[9] = colorType;
        WriteChunk(file, "IHDR", header);

        var compressed = new MemoryStream();
        var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true);
        var row = new byte[1 + ((long)width * bytesPerPixel)]; // leading 0 = filter "none"
        for (var y = 0; y < rows; y++)
        {
            fillRow(y, row);
            zlib.Write(row);
            if (compressed.Length >= IdatChunkBytes)
                FlushIdat(file, compressed);
        }

        if (complete)
            zlib.Dispose();
        else
            zlib.Flush();
        FlushIdat(file, compressed);
        if (complete)
            WriteChunk(file, "IEND", []);
    }

    private static void FlushIdat(Stream file, MemoryStream compressed)
    {
        if (compressed.Length == 0)
            return;
        WriteChunk(file, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        compressed.SetLength(0);
    }

    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        file.Write(number);
        file.Write(typeBytes);
        file.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc(Crc(0xFFFFFFFF, typeBytes), data) ^ 0xFFFFFFFF);
        file.Write(number);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }

        return table;
    }
}
