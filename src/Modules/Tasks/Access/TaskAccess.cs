using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;
using Platform.Modules.Tasks.Lists;

namespace Platform.Modules.Tasks.Access;

/// <summary>
/// Who sees a task, in one place: (1) its participants and subscribers, (2) the members of any
/// list that holds it or of a list above one that does (membership is inherited, see
/// <see cref="ListAccess"/>), (3) for a form task, the form's managers and the organisation's
/// admins. Everyone else, and everyone of another organisation, gets "not found".
/// </summary>
internal sealed class TaskAccess(TasksDbContext db, IFormTemplates templates)
{
    /// <summary>
    /// The one way a handler loads a task for a user. The participant and list checks are one
    /// query; the form-manager check (two more lookups, in Forms and Identity) runs only when
    /// those fail, so the common path costs what it did before.
    /// </summary>
    public async Task<WorkTask?> FindVisibleTaskAsync(Guid id, CurrentUser me, bool withComments, CancellationToken ct)
    {
        var inOrganisation = db.Tasks.Where(t => t.Id == id && t.OrganizationId == me.OrganizationId);
        var throughLists = db.TaskListIdsSeenThroughMembership(me.OrganizationId, id, me.UserId);
        var task = await LoadAsync(inOrganisation.Where(t => t.Participants.Any(p => p.UserId == me.UserId) || throughLists.Any()), withComments, ct);
        if (task is not null)
            return task;
        var templateId = await inOrganisation.Select(t => t.FormTemplateId).FirstOrDefaultAsync(ct);
        return templateId is { } form && (await FormRightsAsync(me, form, ct)).CanManage ? await LoadAsync(inOrganisation, withComments, ct) : null;
    }

    /// <summary>
    /// The caller's rights on a form: admins hold both; others what the form grants them
    /// (<see cref="FormUserAccess.CanManage"/>: sees every task of the form, its whole register;
    /// <see cref="FormUserAccess.CanCreate"/>: creates tasks from it, everyone while it names no creator).
    /// </summary>
    public async Task<FormUserAccess> FormRightsAsync(CurrentUser me, Guid templateId, CancellationToken ct) =>
        me.IsAdmin ? new FormUserAccess(true, true)
        : await templates.GetUserAccessAsync(me.OrganizationId, templateId, me.UserId, ct) ?? new FormUserAccess(false, false);

    /// <summary>
    /// The lists holding the task that the caller sees (<c>TaskDetails.listIds</c>): admins see every
    /// list; others those they see through membership, the same rule that lets them open the task.
    /// </summary>
    public Task<List<Guid>> VisibleListIdsAsync(Guid taskId, CurrentUser me, CancellationToken ct) =>
        (me.IsAdmin
            ? db.ListItems.Where(i => i.TaskId == taskId && i.OrganizationId == me.OrganizationId).Select(i => i.ListId)
            : db.TaskListIdsSeenThroughMembership(me.OrganizationId, taskId, me.UserId))
        .OrderBy(l => l).ToListAsync(ct);

    private static Task<WorkTask?> LoadAsync(IQueryable<WorkTask> query, bool withComments, CancellationToken ct)
    {
        query = query.Include(t => t.Participants);
        if (withComments)
            query = query.Include(t => t.Comments);
        return query.AsSplitQuery().FirstOrDefaultAsync(ct);
    }
}
