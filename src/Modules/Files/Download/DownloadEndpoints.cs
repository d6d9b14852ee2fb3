using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Files.Domain;
using Platform.Modules.Files.Storage;

namespace Platform.Modules.Files.Download;

/// <summary>
/// A file's metadata, its bytes and its previews. Downloads stream from the store with range support (resumable
/// downloads, video seeking): ASP.NET answers Range, If-Range, If-None-Match (304) and 416 from the strong ETag
/// (the SHA-256: content never changes) and the store's seekable stream.
/// </summary>
internal static class DownloadEndpoints
{
    public static void Map(RouteGroupBuilder files)
    {
        files.MapGet("/{id:guid}", GetAsync);
        files.MapGet("/{id:guid}/content", ContentAsync);
        files.MapGet("/{id:guid}/thumbnail", (Guid id, CurrentUser me, FileReadAccess access, IObjectStore store, HttpResponse response, CancellationToken ct) =>
            PreviewAsync(id, "thumbnail.jpg", me, access, store, response, ct));
        files.MapGet("/{id:guid}/pages/{page:int}", (Guid id, int page, CurrentUser me, FileReadAccess access, IObjectStore store, HttpResponse response, CancellationToken ct) =>
            PreviewAsync(id, string.Create(CultureInfo.InvariantCulture, $"page-{page}.jpg"), me, access, store, response, ct, page));
    }

    private static async Task<IResult> GetAsync(Guid id, CurrentUser me, FileReadAccess access, CancellationToken ct) =>
        await access.FindReadableAsync(me, id, ct) is { } file
            ? TypedResults.Ok(FileResponse.From(file))
            : Problems.NotFound("The file");

    /// <summary><c>?disposition=inline</c> shows images, audio and video in the browser; everything else downloads.</summary>
    private static async Task<IResult> ContentAsync(
        Guid id, string? disposition, CurrentUser me, FileReadAccess access, IObjectStore store, HttpResponse response, CancellationToken ct)
    {
        if (disposition is not (null or "attachment" or "inline"))
            return Problems.Invalid("disposition", "must be 'attachment' or 'inline'.");
        if (await access.FindReadableAsync(me, id, ct) is not { } file)
            return Problems.NotFound("The file");
        var stream = await store.OpenReadAsync(file.StorageKey, ct);
        if (stream is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "File content missing",
                detail: "The file is recorded but its content is missing from storage. The operator can find such files with `storage verify`.");
        }

        var inline = disposition == "inline" && SafeHeaders.MayBeInline(file.ContentType);
        SafeHeaders.Apply(response, file.Name, inline);
        return TypedResults.Stream(stream, file.ContentType, fileDownloadName: null, lastModified: file.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
    }

    private static async Task<IResult> PreviewAsync(
        Guid id, string previewName, CurrentUser me, FileReadAccess access, IObjectStore store, HttpResponse response, CancellationToken ct,
        int? page = null)
    {
        if (await access.FindReadableAsync(me, id, ct) is not { } file)
            return Problems.NotFound("The file");
        if (file.PreviewStatus != PreviewStates.Ready)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No preview",
                detail: file.PreviewStatus == PreviewStates.Pending
                    ? "The preview is not ready yet."
                    : $"This file has no preview ({file.PreviewStatus}{(file.PreviewReason is null ? "" : ": " + file.PreviewReason)}).");
        }

        if (page is { } p && (p < 1 || p > file.PreviewPages))
            return Problems.NotFound(string.Create(CultureInfo.InvariantCulture, $"Page {p} of the preview"));
        var stream = await store.OpenReadAsync(ObjectKeys.Preview(file.OrganizationId, file.Id, previewName), ct);
        if (stream is null)
            return Problems.NotFound("The preview");
        SafeHeaders.Apply(response, $"{Path.GetFileNameWithoutExtension(file.Name)}-{previewName}", inline: true);
        return TypedResults.Stream(stream, "image/jpeg", fileDownloadName: null, lastModified: file.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256[..32]}-{previewName}\""), enableRangeProcessing: true);
    }
}
