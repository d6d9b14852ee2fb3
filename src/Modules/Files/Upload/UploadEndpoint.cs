using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Files.Domain;

namespace Platform.Modules.Files.Upload;

/// <summary>
/// <c>POST /api/v1/files</c>: one file per request, either as <c>multipart/form-data</c> (the first part with a file
/// name; what a browser form sends) or as the raw body with the name in <c>?name=</c> or a
/// <c>Content-Disposition</c> header (what scripts and the chunk-less Pyrus-style clients send). The body is streamed
/// straight into storage: memory stays flat whatever the size. With an <c>Idempotency-Key</c> a retried upload
/// answers with the first one's file instead of storing a second (see <see cref="FileUploader"/>).
/// </summary>
internal static class UploadEndpoint
{
    /// <summary>Room for the multipart boundaries and part headers on top of the file itself.</summary>
    private const long MultipartOverhead = 64 * 1024;

    // The body is streamed by hand, so nothing in the signature tells OpenAPI about it: declared here for
    // clients and for the test that walks the document with malformed uploads. "*/*" keeps routing as it was:
    // a raw upload has the file's own type, and without it the router would answer 415 before authorization.
    public static void Map(RouteGroupBuilder files) => files.MapPost("/", HandleAsync).DisableAntiforgery()
        .Accepts<IFormFile>("multipart/form-data", "application/octet-stream", "*/*");

    private static async Task<IResult> HandleAsync(
        HttpContext http, CurrentUser me, FileUploader uploader, IOptions<FilesOptions> options, string? name, CancellationToken ct)
    {
        var request = http.Request;
        var key = IdempotencyKeys.Read(request, out var invalidKey);
        if (invalidKey is not null)
            return invalidKey;
        // A retry of a finished upload: answer before reading a byte of the body.
        if (key is not null && await uploader.FindRecordAsync(me.UserId, key, ct) is { } recorded)
            return IdempotencyKeys.Replay(http, recorded);
        var remember = key is null ? null : Remember(http, me, key);
        var maxBytes = options.Value.MaxUploadBytes;
        // Kestrel's default (30 MB) would cut every large upload: this endpoint enforces its own limit while streaming.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = maxBytes + MultipartOverhead;

        UploadOutcome outcome;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
            if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
                return Problems.Invalid("Content-Type", "multipart/form-data needs a boundary of 1 to 70 characters.");
            var reader = new MultipartReader(boundary, request.Body);
            MultipartSection? section;
            try
            {
                while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
                {
                    if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                        && disposition.IsFileDisposition())
                        break;
                }
            }
            // InvalidDataException: a part is malformed; IOException: the body ends before any boundary
            // (MultipartReader's "Unexpected end of Stream"). Both are the client's body, not a server fault.
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                return Problems.Invalid("body", $"The multipart body is malformed: {ex.Message}");
            }

            if (section is null)
                return Problems.Invalid("file", "The multipart body has no file part (a part with Content-Disposition: form-data; name=\"file\"; filename=\"…\").");
            var partName = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            var fileName = HeaderUtilities.RemoveQuotes(partName.FileNameStar.HasValue ? partName.FileNameStar : partName.FileName).Value;
            outcome = await UploadAsync(uploader, me, name ?? fileName, section.Body, null, remember, ct);
        }
        else
        {
            var fileName = name;
            if (fileName is null && ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
                fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            if (string.IsNullOrWhiteSpace(fileName))
                return Problems.Invalid("name", "A raw upload needs the file name: ?name=report.pdf or a Content-Disposition header with filename.");
            outcome = await UploadAsync(uploader, me, fileName, request.Body, request.ContentLength, remember, ct);
        }

        return outcome switch
        {
            UploadOutcome.Stored stored => TypedResults.Created(Location(stored.File), FileResponse.From(stored.File)),
            UploadOutcome.Duplicate duplicate => IdempotencyKeys.Replay(http, duplicate.Winner),
            UploadOutcome.TooLarge tooLarge => TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"Files may be at most {tooLarge.MaxBytes} bytes ({ByteSize.Format(tooLarge.MaxBytes)}).",
                extensions: new Dictionary<string, object?> { ["maxBytes"] = tooLarge.MaxBytes }),
            UploadOutcome.OverQuota quota => TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Storage quota exceeded",
                detail: $"Your organisation uses {ByteSize.Format(quota.UsedBytes)} of its {ByteSize.Format(quota.QuotaBytes)} storage quota; this file does not fit. Delete unused files or ask the operator for a larger quota.",
                type: "https://platform.local/problems/quota-exceeded",
                extensions: new Dictionary<string, object?> { ["usedBytes"] = quota.UsedBytes, ["quotaBytes"] = quota.QuotaBytes }),
            UploadOutcome.Malformed malformed => Problems.Invalid("body", malformed.Detail),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}"),
        };
    }

    private static string Location(StoredFile file) => $"/api/v1/files/{file.Id}";

    /// <summary>What a retry with the same key is answered with: the 201 this upload is about to give.</summary>
    private static Func<StoredFile, IdempotencyRecord> Remember(HttpContext http, CurrentUser me, string key)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var request = IdempotencyKeys.RequestName(http.Request);
        return file => new IdempotencyRecord
        {
            UserId = me.UserId,
            Key = key,
            Request = request,
            StatusCode = StatusCodes.Status201Created,
            Location = Location(file),
            Body = JsonSerializer.Serialize(FileResponse.From(file), json),
            CreatedAt = file.CreatedAt,
        };
    }

    private static async Task<UploadOutcome> UploadAsync(
        FileUploader uploader, CurrentUser me, string? name, Stream body, long? length,
        Func<StoredFile, IdempotencyRecord>? remember, CancellationToken ct)
    {
        try
        {
            return await uploader.UploadAsync(me.OrganizationId, me.UserId, name, body, length, remember, ct);
        }
        catch (UploadBodyException ex) when (ex.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            // Kestrel's own cap (limit + multipart overhead) fired before ours.
            return new UploadOutcome.TooLarge(uploader.MaxUploadBytes);
        }
        catch (UploadBodyException ex)
        {
            // The store kept nothing (its writes are atomic); the client learns why instead of getting a 500.
            return new UploadOutcome.Malformed($"The request body could not be read to its end: {ex.Message}");
        }
    }
}
