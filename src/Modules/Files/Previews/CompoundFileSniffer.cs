using System.Buffers.Binary;
using System.Text;

namespace Platform.Modules.Files.Previews;

/// <summary>
/// Reads the directory of an OLE2 compound file ([MS-CFB]) to tell Word, Excel and PowerPoint 97–2003 files from
/// the other things that share the container (Outlook messages, installers, Visio drawings…) and from Office 2007+
/// files saved with a password, which are an "EncryptedPackage" stream inside OLE2. Only names are read; every
/// loop is bounded, so a crafted FAT (cycles, absurd counts) ends in "unknown", never in a hang.
/// </summary>
internal static class CompoundFileSniffer
{
    public static ReadOnlySpan<byte> Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const uint EndOfChain = 0xFFFFFFFE;
    private const int DirectoryEntryLength = 128;
    private const int MaxDirectorySectors = 4096;
    private const int MaxFatSectors = 64 * 1024;

    public static DetectedFormat Detect(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var names = new CompoundFile(stream).ReadDirectoryNames();
            if (names.Contains("EncryptedPackage"))
                return DetectedFormat.EncryptedOoxml;
            if (names.Contains("WordDocument"))
                return DetectedFormat.Doc;
            if (names.Contains("Workbook") || names.Contains("Book"))
                return DetectedFormat.Xls;
            if (names.Contains("PowerPoint Document"))
                return DetectedFormat.Ppt;
            return DetectedFormat.Other("OLE2 compound file");
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException)
        {
            return DetectedFormat.Other("Damaged OLE2 compound file");
        }
    }

    private sealed class CompoundFile(FileStream stream)
    {
        private readonly byte[] _header = ReadAt(stream, 0, 512);
        private readonly Dictionary<uint, uint[]> _fatSectors = [];
        private List<uint>? _fatSectorLocations;

        /// <summary>Version 3 files use 512-byte sectors, version 4 files 4096-byte ones; nothing else exists.</summary>
        private int SectorSize => BinaryPrimitives.ReadUInt16LittleEndian(_header.AsSpan(0x1E)) switch
        {
            9 => 512,
            12 => 4096,
            _ => throw new InvalidDataException("Unknown sector size."),
        };

        public HashSet<string> ReadDirectoryNames()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var visited = new HashSet<uint>();
            var sector = U32(_header, 0x30);
            while (sector != EndOfChain && visited.Count < MaxDirectorySectors && visited.Add(sector))
            {
                var data = ReadSector(sector);
                for (var at = 0; at + DirectoryEntryLength <= data.Length; at += DirectoryEntryLength)
                {
                    var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(at + 0x40));
                    var type = data[at + 0x42];
                    // Types 1 (storage), 2 (stream) and 5 (root) carry names; the length includes the terminator.
                    if (type is 1 or 2 or 5 && nameBytes is >= 2 and <= 64)
                        names.Add(Encoding.Unicode.GetString(data, at, nameBytes - 2));
                }

                sector = NextSector(sector);
            }

            return names;
        }

        private uint NextSector(uint sector)
        {
            var perSector = (uint)(SectorSize / 4);
            var locations = FatSectorLocations();
            var index = sector / perSector;
            if (index >= locations.Count)
                throw new InvalidDataException("FAT index");
            if (!_fatSectors.TryGetValue(index, out var fat))
            {
                var raw = ReadSector(locations[(int)index]);
                fat = new uint[perSector];
                for (var i = 0; i < fat.Length; i++)
                    fat[i] = U32(raw, i * 4);
                _fatSectors[index] = fat;
            }

            return fat[sector % perSector];
        }

        /// <summary>The FAT's own sectors: 109 listed in the header, the rest in the DIFAT chain.</summary>
        private List<uint> FatSectorLocations()
        {
            if (_fatSectorLocations is not null)
                return _fatSectorLocations;
            var count = Math.Min(U32(_header, 0x2C), MaxFatSectors);
            var locations = new List<uint>();
            for (var i = 0; i < 109 && locations.Count < count; i++)
                locations.Add(U32(_header, 0x4C + i * 4));
            var difat = U32(_header, 0x44);
            var visited = new HashSet<uint>();
            while (locations.Count < count && difat != EndOfChain && visited.Add(difat))
            {
                var data = ReadSector(difat);
                for (var at = 0; at < data.Length - 4 && locations.Count < count; at += 4)
                    locations.Add(U32(data, at));
                difat = U32(data, data.Length - 4);
            }

            return _fatSectorLocations = locations;
        }

        private byte[] ReadSector(uint sector) => ReadAt(stream, ((long)sector + 1) * SectorSize, SectorSize);

        private static byte[] ReadAt(FileStream stream, long offset, int length)
        {
            if (offset + length > stream.Length)
                throw new EndOfStreamException();
            var buffer = new byte[length];
            stream.Position = offset;
            stream.ReadExactly(buffer);
            return buffer;
        }

        private static uint U32(byte[] data, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
    }
}
