namespace Platform.Modules.Files;

/// <summary>Settings under <c>Platform:Files</c> (README "Configuration", docs/files.md).</summary>
internal sealed class FilesOptions
{
    public const string Section = "Platform:Files";

    /// <summary>The largest upload accepted, in bytes (default 2 GiB).</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Bytes each organisation may store (content + previews) unless its own quota says otherwise (default 100 GiB).</summary>
    public long DefaultQuotaBytes { get; set; } = 100L * 1024 * 1024 * 1024;

    /// <summary>Uploads not attached to anything after this long are deleted (default 24 h).</summary>
    public TimeSpan OrphanAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the orphan clean-up runs (on scheduler nodes).</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>"local" (default) or "s3".</summary>
    public string Backend { get; set; } = "local";

    public LocalStoreOptions Local { get; set; } = new();

    public S3StoreOptions S3 { get; set; } = new();

    public PreviewOptions Previews { get; set; } = new();
}

internal sealed class LocalStoreOptions
{
    /// <summary>The folder objects live in; relative paths are under the node's content root. Every files and workers node must see the same folder.</summary>
    public string Root { get; set; } = "data/files";
}

internal sealed class S3StoreOptions
{
    /// <summary>The service URL of an S3-compatible server (MinIO, Ceph RGW, s3rver…); empty = AWS itself by <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string Bucket { get; set; } = "platform-files";

    /// <summary>Credentials; from the environment (Platform__Files__S3__SecretKey), never logged.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Path-style addressing (http://host/bucket/key): what most self-hosted S3 servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Size of each part of a multipart upload (S3's minimum is 5 MiB); one part is in memory per upload.</summary>
    public int PartSizeBytes { get; set; } = 8 * 1024 * 1024;
}

internal sealed class PreviewOptions
{
    /// <summary>Files larger than this get no preview (status "skipped").</summary>
    public long MaxInputBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Images with more pixels than this are refused before decoding (decompression bombs).</summary>
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>Wall-clock limit for one conversion step (a LibreOffice conversion is one step).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Address-space limit of each converter process, in bytes.</summary>
    public long MemoryLimitBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>PDF/office pages rendered for the viewer.</summary>
    public int MaxPages { get; set; } = 10;

    /// <summary>Longest side of the thumbnail, in pixels.</summary>
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>Longest side of a viewer page, in pixels.</summary>
    public int PageSize { get; set; } = 1600;

    /// <summary>The largest file a converter process may write (its <c>RLIMIT_FSIZE</c>), in bytes.</summary>
    public long MaxOutputFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Converters run without network (a namespace of their own, via unprivileged user namespaces): a document that
    /// links to an internal URL cannot make the server fetch it. Switch off only where namespaces are not allowed.
    /// </summary>
    public bool IsolateNetwork { get; set; } = true;

    /// <summary>Where the converters are; bare names are looked up on <c>/usr/local/bin:/usr/bin:/bin</c>.</summary>
    public Previews.PreviewToolPaths Tools { get; set; } = new();
}
