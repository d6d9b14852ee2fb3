using System.Buffers;
using System.IO.Enumeration;
using System.Runtime.CompilerServices;

namespace Platform.Modules.Files.Storage;

/// <summary>
/// Objects as files under <see cref="Root"/>, one file per key (the key's folders are the shard folders of
/// <see cref="ObjectKeys"/>). A put writes <c>.tmp/&lt;random&gt;</c>, fsyncs it, renames it over the final path and
/// fsyncs the folder: readers see the old object or the new one, never a partial one, and a crash leaves at worst a
/// stray temporary file (<see cref="DeleteStaleTemporaryFilesAsync"/>). The temporary folder is inside the root so
/// that the rename never crosses filesystems (rename(2) is only atomic within one).
/// </summary>
internal sealed class LocalObjectStore : IObjectStore
{
    internal const string TemporaryFolderName = ".tmp";

    // Large enough that a put makes few write calls, small enough to come from the shared pool.
    private const int CopyBufferSize = 256 * 1024;
    private const int ReadBufferSize = 64 * 1024;

    public LocalObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        TemporaryFolder = Path.Combine(Root, TemporaryFolderName);
    }

    public string Kind => "local";

    public string Root { get; }

    internal string TemporaryFolder { get; }

    public async Task<StoredObject> PutAsync(string key, Stream content, CancellationToken ct)
    {
        var finalPath = PathOf(key);
        Directory.CreateDirectory(TemporaryFolder);
        var temporaryPath = Path.Combine(TemporaryFolder, Guid.NewGuid().ToString("N"));
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long length = 0;
            // bufferSize 0: our buffer is the only one, filled before each write, so no second copy in FileStream.
            await using (var file = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             bufferSize: 0, FileOptions.Asynchronous))
            {
                int filled;
                while ((filled = await FillAsync(content, buffer, ct)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, filled), ct);
                    length += filled;
                }

                file.Flush(flushToDisk: true);
            }

            var folder = Path.GetDirectoryName(finalPath)!;
            var topmostCreated = CreateFolders(folder);
            File.Move(temporaryPath, finalPath, overwrite: true);
            DirectorySync.Flush(folder);
            // A new shard folder is itself a new entry in its parent: sync each parent up to the oldest folder that existed.
            for (var created = folder; topmostCreated is not null; created = Path.GetDirectoryName(created)!)
            {
                DirectorySync.Flush(Path.GetDirectoryName(created)!);
                if (created == topmostCreated)
                    break;
            }

            return new StoredObject(key, length, File.GetLastWriteTimeUtc(finalPath));
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        ct.ThrowIfCancellationRequested();
        try
        {
            // FileShare.Delete: a delete (or an overwrite's rename) during a download unlinks the name; the open
            // handle keeps reading the bytes it opened.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                ReadBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException
                                       || (ex is UnauthorizedAccessException && Directory.Exists(path)))
        {
            // A folder under the key ("org" when "org/ab/…" exist) is no object either.
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<StoredObject?> StatAsync(string key, CancellationToken ct)
    {
        var file = new FileInfo(PathOf(key));
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(file.Exists ? new StoredObject(key, file.Length, file.LastWriteTimeUtc) : null);
    }

    /// <remarks>Empty shard folders stay: at most 65,536 per tenant, and removing them would race with a put into them.</remarks>
    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        ct.ThrowIfCancellationRequested();
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Missing is what we wanted.
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        ObjectKeyRules.ValidatePrefix(prefix);
        // Walk only the deepest folder the prefix names completely ("org/ab/" → org/ab, "org/a" → org).
        var lastSlash = prefix.LastIndexOf('/');
        var start = lastSlash < 0 ? Root : Path.Combine(Root, prefix[..lastSlash]);
        if (!Directory.Exists(start))
            yield break;

        var root = Root;
        var entries = new FileSystemEnumerable<StoredObject>(start,
            (ref entry) => new StoredObject(
                KeyOf(root, entry.Directory, entry.FileName), entry.Length, entry.LastWriteTimeUtc),
            new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory,
            ShouldRecursePredicate = (ref entry) => ShouldWalk(root, prefix, ref entry),
        };

        foreach (var stored in entries)
        {
            ct.ThrowIfCancellationRequested();
            if (stored.Key.StartsWith(prefix, StringComparison.Ordinal) && IsValidKey(stored.Key))
                yield return stored;
        }
    }

    /// <summary>
    /// Deletes temporary files last written more than <paramref name="olderThan"/> ago: what a crash or a kill in the
    /// middle of a put leaves. A put in progress writes its file continuously, so a generous age (hours) never
    /// touches one. Returns how many were deleted.
    /// </summary>
    internal Task<int> DeleteStaleTemporaryFilesAsync(TimeSpan olderThan, CancellationToken ct)
    {
        if (!Directory.Exists(TemporaryFolder))
            return Task.FromResult(0);

        var cutoff = DateTime.UtcNow - olderThan;
        var deleted = 0;
        foreach (var file in new DirectoryInfo(TemporaryFolder).EnumerateFiles())
        {
            ct.ThrowIfCancellationRequested();
            if (file.LastWriteTimeUtc < cutoff && TryDelete(file.FullName))
                deleted++;
        }

        return Task.FromResult(deleted);
    }

    private string PathOf(string key)
    {
        ObjectKeyRules.Validate(key);
        return Path.Combine(Root, key);
    }

    /// <summary>Not the temporary folder, and only folders on the way to the prefix or under it ("org/a" skips other tenants).</summary>
    private static bool ShouldWalk(string root, string prefix, ref FileSystemEntry folder)
    {
        if (folder.Directory.SequenceEqual(root) && folder.FileName.SequenceEqual(TemporaryFolderName))
            return false;
        var folderKey = KeyOf(root, folder.Directory, folder.FileName) + "/";
        return folderKey.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(folderKey, StringComparison.Ordinal);
    }

    private static string KeyOf(string root, ReadOnlySpan<char> directory, ReadOnlySpan<char> fileName)
    {
        var relative = directory.Length > root.Length ? directory[(root.Length + 1)..] : [];
        var key = relative.IsEmpty ? fileName.ToString() : string.Concat(relative, "/", fileName);
        return Path.DirectorySeparatorChar == '/' ? key : key.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static bool IsValidKey(string key)
    {
        try
        {
            ObjectKeyRules.Validate(key);
            return true;
        }
        catch (ArgumentException)
        {
            // A file someone put there by hand: not an object of ours.
            return false;
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; 0 means the end.</summary>
    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        int read;
        while (filled < CopyBufferSize && (read = await content.ReadAsync(buffer.AsMemory(filled, CopyBufferSize - filled), ct)) > 0)
            filled += read;
        return filled;
    }

    /// <summary>Creates <paramref name="folder"/> and any missing parents; returns the topmost folder created, or null.</summary>
    private static string? CreateFolders(string folder)
    {
        string? topmost = null;
        for (var current = folder; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
            topmost = current;
        if (topmost is not null)
            Directory.CreateDirectory(folder);
        return topmost;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
