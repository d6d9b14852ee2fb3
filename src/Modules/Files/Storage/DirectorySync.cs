using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.Modules.Files.Storage;

/// <summary>
/// fsync of a directory. A rename (or a new file, or a new sub-folder) is a change to the directory, not to the file:
/// fsync of the file makes its bytes durable but says nothing about the entry that names it. Until the directory
/// itself is synced, a power cut after "upload done" may bring the node back with the old object, or none, under
/// the key. .NET cannot open a directory as a file handle (it refuses with UnauthorizedAccessException), hence libc.
/// </summary>
internal static class DirectorySync
{
    // O_DIRECTORY differs by architecture (asm-generic vs x86); O_CLOEXEC keeps the descriptor out of the converter
    // processes the workers start while an upload is being synced.
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;
    private const int EInterrupted = 4;
    private const int EInvalid = 22;

    private static readonly int DirectoryFlag =
        RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;

    /// <summary>Makes the entries of <paramref name="path"/> durable. Does nothing off Linux (development machines).</summary>
    /// <exception cref="IOException">The directory could not be opened or synced.</exception>
    public static void Flush(string path)
    {
        if (!OperatingSystem.IsLinux())
            return;

        var fd = Open(path, ReadOnly | DirectoryFlag | CloseOnExec);
        if (fd < 0)
            throw Failure("open", path);
        try
        {
            int result;
            do
            {
                result = FSync(fd);
            }
            while (result != 0 && Marshal.GetLastPInvokeError() == EInterrupted);

            // EINVAL: a filesystem that cannot sync directories (some FUSE and network mounts): nothing more to do there.
            if (result != 0 && Marshal.GetLastPInvokeError() != EInvalid)
                throw Failure("fsync", path);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call}({path}) failed: {new Win32Exception(errno).Message} (errno {errno}).");
    }

    // DllImport rather than LibraryImport: the generated marshalling code needs AllowUnsafeBlocks for the whole
    // module, for three calls whose arguments (a byte array, ints) need no marshalling at all.
    private static int Open(string path, int flags) => OpenNative(Encoding.UTF8.GetBytes(path + "\0"), flags);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FSync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
