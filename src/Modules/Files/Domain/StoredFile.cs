namespace Platform.Modules.Files.Domain;

/// <summary>Where a file's preview stands. Stored as text.</summary>
internal static class PreviewStates
{
    /// <summary>Waiting for a worker (or the preview job failed transiently and will be retried by the bus).</summary>
    public const string Pending = "pending";
    public const string Ready = "ready";
    /// <summary>The converter refused or failed on this file; <see cref="StoredFile.PreviewReason"/> says why.</summary>
    public const string Failed = "failed";
    /// <summary>No converter for this kind of file (archives, SVG, HTML, …).</summary>
    public const string Unsupported = "unsupported";
    /// <summary>Too large to preview.</summary>
    public const string Skipped = "skipped";
}

/// <summary>
/// An uploaded file: the bytes live in the object store under <see cref="StorageKey"/>, this row says what they are.
/// Content never changes after upload (a new version is a new file), so the SHA-256 is the ETag.
/// </summary>
internal sealed class StoredFile
{
    public const int MaxNameLength = 255;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid UploadedBy { get; private set; }
    public string Name { get; private set; } = null!;
    public string ContentType { get; private set; } = null!;
    public long Length { get; private set; }
    public string Sha256 { get; private set; } = null!;
    public string Md5 { get; private set; } = null!;
    public string StorageKey { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the file was first attached to something; null = an orphan the clean-up will remove.</summary>
    public DateTimeOffset? AttachedAt { get; private set; }

    public string PreviewStatus { get; private set; } = PreviewStates.Pending;
    public string? PreviewReason { get; private set; }

    /// <summary>Viewer pages stored (page-1.jpg … page-N.jpg); the document may have more (<see cref="PageCount"/>).</summary>
    public int PreviewPages { get; private set; }
    public int? PageCount { get; private set; }
    public int? Width { get; private set; }
    public int? Height { get; private set; }

    /// <summary>How many times the preview job was queued again because no worker finished it (see PreviewRequeue).</summary>
    public int PreviewRequeues { get; private set; }

    /// <summary>Bytes of the stored previews; counted in the tenant's usage with <see cref="Length"/>.</summary>
    public long PreviewBytes { get; private set; }

    public long TotalBytes => Length + PreviewBytes;

    private StoredFile() { }

    public static StoredFile Create(
        Guid id, Guid organizationId, Guid uploadedBy, string name, string contentType,
        long length, string sha256, string md5, string storageKey, DateTimeOffset now) => new()
    {
        Id = id,
        OrganizationId = organizationId,
        UploadedBy = uploadedBy,
        Name = name,
        ContentType = contentType,
        Length = length,
        Sha256 = sha256,
        Md5 = md5,
        StorageKey = storageKey,
        CreatedAt = now,
    };

    public void MarkAttached(DateTimeOffset now) => AttachedAt ??= now;

    public void PreviewSucceeded(int pages, int? pageCount, int? width, int? height, long bytes)
    {
        PreviewStatus = PreviewStates.Ready;
        PreviewReason = null;
        PreviewPages = pages;
        PageCount = pageCount;
        Width = width;
        Height = height;
        PreviewBytes = bytes;
    }

    /// <summary>Queues the preview job again, or gives up after <paramref name="maxRequeues"/>; true when queued.</summary>
    public bool RequeuePreview(int maxRequeues)
    {
        if (PreviewRequeues >= maxRequeues)
        {
            PreviewNotMade(PreviewStates.Failed, "No worker could finish the preview (tried several times).", PageCount, Width, Height);
            return false;
        }

        PreviewRequeues++;
        return true;
    }

    public void PreviewNotMade(string status, string? reason, int? pageCount, int? width, int? height)
    {
        PreviewStatus = status;
        PreviewReason = reason;
        PreviewPages = 0;
        PageCount = pageCount;
        Width = width;
        Height = height;
        PreviewBytes = 0;
    }
}

/// <summary>A file attached to something (a task). The file is readable by whoever may read that owner.</summary>
internal sealed class FileLink
{
    public Guid FileId { get; private set; }
    public string OwnerKind { get; private set; } = null!;
    public Guid OwnerId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid LinkedBy { get; private set; }
    public DateTimeOffset LinkedAt { get; private set; }

    private FileLink() { }

    public static FileLink Create(Guid fileId, string ownerKind, Guid ownerId, Guid organizationId, Guid linkedBy, DateTimeOffset now) => new()
    {
        FileId = fileId,
        OwnerKind = ownerKind,
        OwnerId = ownerId,
        OrganizationId = organizationId,
        LinkedBy = linkedBy,
        LinkedAt = now,
    };
}

/// <summary>
/// One organisation's storage account: bytes used (content + previews) and its own quota, if the operator set one
/// (null = <c>Platform:Files:DefaultQuotaBytes</c>). Uploads lock this row to check and charge the quota, so two
/// parallel uploads cannot both squeeze under it.
/// </summary>
internal sealed class TenantStorage
{
    public Guid OrganizationId { get; private set; }
    public long UsedBytes { get; private set; }
    public long? QuotaBytes { get; private set; }
    public int FileCount { get; private set; }

    private TenantStorage() { }

    public static TenantStorage Create(Guid organizationId) => new() { OrganizationId = organizationId };

    public long EffectiveQuota(long defaultQuota) => QuotaBytes ?? defaultQuota;

    public bool CanAdd(long bytes, long defaultQuota) => UsedBytes + bytes <= EffectiveQuota(defaultQuota);

    public void Add(long bytes, int files)
    {
        UsedBytes += bytes;
        FileCount += files;
    }

    public void Remove(long bytes, int files)
    {
        UsedBytes = Math.Max(0, UsedBytes - bytes);
        FileCount = Math.Max(0, FileCount - files);
    }

    public void SetQuota(long? quotaBytes) => QuotaBytes = quotaBytes;
}
