using Platform.BuildingBlocks;

namespace Platform.Modules.Files.Contracts;

/// <summary>What owns an attached file: a kind (<c>task</c>) and that thing's id. Access to the file follows the owner's.</summary>
public sealed record FileOwner(string Kind, Guid Id)
{
    public const string TaskKind = "task";

    public static FileOwner Task(Guid taskId) => new(TaskKind, taskId);
}

/// <summary>A stored file as other modules see it (what a comment shows for an attachment).</summary>
public sealed record AttachedFile(Guid Id, string Name, string ContentType, long Length, string Sha256);

/// <summary>Why an attach failed, per file id (absent from the caller's organisation, not readable by the caller, …).</summary>
public sealed record AttachFailure(Guid FileId, string Reason);

public sealed record AttachResult(IReadOnlyList<AttachedFile> Files, IReadOnlyList<AttachFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;
}

/// <summary>
/// Links uploaded files to the thing they are attached to. Once linked, a file is no longer an orphan (the clean-up
/// keeps it) and everyone who may read the owner may read the file. Callers link BEFORE committing their own write:
/// a crash between the two leaves a linked file nobody shows, never a shown file that the clean-up deletes.
/// </summary>
public interface IFileAttachments
{
    /// <summary>
    /// Links every file to <paramref name="owner"/> when each is in <paramref name="organizationId"/> and the user
    /// uploaded it or may read it already; otherwise links none and reports why.
    /// </summary>
    Task<AttachResult> AttachAsync(Guid organizationId, Guid userId, IReadOnlyCollection<Guid> fileIds, FileOwner owner, CancellationToken ct);
}

/// <summary>
/// Implemented by a module that owns attachments (Tasks for <c>task</c>): may this user read any of these owners?
/// The Files module asks it on every download of a file the user did not upload.
/// </summary>
public interface IFileAccessRule
{
    string OwnerKind { get; }

    Task<bool> CanReadAnyAsync(Guid organizationId, Guid userId, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct);
}

/// <summary>A file finished uploading and is stored (the preview job starts from it).</summary>
public sealed record FileUploaded(
    Guid OrganizationId,
    Guid FileId,
    string Name,
    string ContentType,
    long Length,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
