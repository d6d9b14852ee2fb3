using Platform.Modules.Files.Domain;

namespace Platform.Modules.Files;

internal sealed record PreviewResponse(string Status, string? Reason, int Pages, int? PageCount, int? Width, int? Height);

/// <summary>A file as the API shows it. <c>md5</c> is there for clients that check uploads the Pyrus way.</summary>
internal sealed record FileResponse(
    Guid Id,
    string Name,
    string ContentType,
    long Length,
    string Sha256,
    string Md5,
    Guid UploadedBy,
    DateTimeOffset CreatedAt,
    bool Attached,
    PreviewResponse Preview,
    string ContentUrl,
    string? ThumbnailUrl)
{
    public static FileResponse From(StoredFile f)
    {
        var baseUrl = $"/api/v1/files/{f.Id}";
        return new FileResponse(
            f.Id, f.Name, f.ContentType, f.Length, f.Sha256, f.Md5, f.UploadedBy, f.CreatedAt, f.AttachedAt is not null,
            new PreviewResponse(f.PreviewStatus, f.PreviewReason, f.PreviewPages, f.PageCount, f.Width, f.Height),
            baseUrl + "/content",
            f.PreviewStatus == PreviewStates.Ready ? baseUrl + "/thumbnail" : null);
    }
}

internal sealed record StorageUsageResponse(long UsedBytes, long QuotaBytes, int FileCount);
