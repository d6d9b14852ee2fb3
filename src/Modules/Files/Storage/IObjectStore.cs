namespace Platform.Modules.Files.Storage;

/// <summary>An object as the store sees it: its key, its size and when it was last written.</summary>
internal sealed record StoredObject(string Key, long Length, DateTimeOffset LastModified);

/// <summary>
/// Where file bytes live: the local filesystem or S3-compatible object storage. Keys are relative, '/'-separated and
/// begin with the tenant's folder (<see cref="ObjectKeys"/>), so one tenant's objects can be listed, exported, moved
/// or deleted alone. The store knows nothing about files, tenants or hashes: the Files module does.
/// </summary>
internal interface IObjectStore
{
    /// <summary>"local" or "s3": what <c>storage verify</c> and the node-info report.</summary>
    string Kind { get; }

    /// <summary>
    /// Writes <paramref name="content"/> (read to its end, never buffered whole) under <paramref name="key"/>.
    /// Atomic: until it returns, no reader sees a partial object under the key; when it throws (including when
    /// <paramref name="content"/> throws mid-way, e.g. on a size limit or a cancelled upload), nothing is left
    /// behind. Overwrites an existing object. Durable when it returns (fsync on the local store).
    /// </summary>
    Task<StoredObject> PutAsync(string key, Stream content, CancellationToken ct);

    /// <summary>
    /// A readable, seekable stream over the object (ASP.NET's range processing seeks it), or null when the key
    /// does not exist. The caller disposes it.
    /// </summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>The object's size and time, or null when it does not exist.</summary>
    Task<StoredObject?> StatAsync(string key, CancellationToken ct);

    /// <summary>Deletes the object; a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>Every object whose key starts with <paramref name="prefix"/> ("" = all), in no promised order.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken ct);
}
