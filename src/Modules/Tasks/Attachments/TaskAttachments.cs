using Platform.BuildingBlocks.Security;
using Platform.Modules.Files.Contracts;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.Attachments;

/// <summary>
/// Attaching uploaded files to a task's history entry. The Files module links them first (so the orphan clean-up
/// keeps them and the task's readers may download them); only then is the entry written. If the task's write fails
/// afterwards, the file stays linked to a task that does not show it: harmless, unlike the reverse order, which could
/// show an attachment the clean-up deletes.
/// </summary>
internal sealed class TaskAttachments(IFileAttachments files)
{
    public const int MaxPerEntry = 20;

    public static string? Validate(IReadOnlyList<Guid>? ids) =>
        ids is { Count: > MaxPerEntry } ? $"attach at most {MaxPerEntry} files at once." : null;

    /// <summary>Links the files to the task; throws <see cref="TaskFieldsException"/> (400) naming each refused id.</summary>
    public async Task<IReadOnlyList<TaskAttachment>> AttachAsync(CurrentUser me, Guid taskId, IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        if (ids is not { Count: > 0 })
            return [];
        var result = await files.AttachAsync(me.OrganizationId, me.UserId, ids, FileOwner.Task(taskId), ct);
        if (!result.Succeeded)
        {
            var positions = ids.Select((id, index) => (id, index)).ToList();
            throw new TaskFieldsException([.. result.Failures.Select(f =>
                new FieldError($"attachments[{positions.First(p => p.id == f.FileId).index}]", f.Reason))]);
        }

        return [.. result.Files.Select(f => new TaskAttachment(f.Id, f.Name, f.ContentType, f.Length))];
    }
}
