using Platform.BuildingBlocks.Security;
using Platform.Modules.Files.Contracts;
using Platform.Modules.Tasks.Access;

namespace Platform.Modules.Tasks.Attachments;

/// <summary>
/// A file attached to tasks is readable by whoever may open one of those tasks: the same visibility check as
/// <c>GET /api/v1/tasks/{id}</c>, so the two can never disagree. Registered on files nodes too (they serve downloads).
/// </summary>
internal sealed class TaskFileAccessRule(TaskAccess access) : IFileAccessRule
{
    public string OwnerKind => FileOwner.TaskKind;

    public async Task<bool> CanReadAnyAsync(Guid organizationId, Guid userId, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct)
    {
        var me = new CurrentUser(userId, organizationId, IsAdmin: false);
        // A file is attached to a handful of tasks at most; each check is one indexed query.
        foreach (var taskId in ownerIds.Take(20))
        {
            if (await access.FindVisibleTaskAsync(taskId, me, withComments: false, ct) is not null)
                return true;
        }

        return false;
    }
}
