using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Contracts;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;
using Platform.Modules.Tasks.Access;

namespace Platform.Modules.Tasks.Changes;

/// <summary>
/// The one path by which an existing task changes: lock the task's row, load it as the caller
/// may see it, check If-Match, apply the change (which writes the history entry), publish the
/// event through the outbox, mark the task read for the actor, save. The row lock serialises
/// changes to one task, so concurrent comments all land (none retried, none lost) and If-Match
/// is compared with the version that the change will actually replace.
/// </summary>
internal sealed class TaskChanges(TasksDbContext db, TaskAccess access, TimeProvider time)
{
    public Task<Results<Created<CommentResponse>, ProblemHttpResult>> ApplyAsync(
        Guid taskId, CurrentUser me, HttpRequest request, Func<WorkTask, DateTimeOffset, TaskComment> change, CancellationToken ct) =>
        ApplyAsync(taskId, me, request, (task, now) => Task.FromResult(change(task, now)), ct);

    public async Task<Results<Created<CommentResponse>, ProblemHttpResult>> ApplyAsync(
        Guid taskId, CurrentUser me, HttpRequest request, Func<WorkTask, DateTimeOffset, Task<TaskComment>> change, CancellationToken ct)
    {
        // Inside an Idempotency-Key transaction already? Then take part in it.
        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM tasks.tasks WHERE id = {taskId} AND organization_id = {me.OrganizationId} FOR UPDATE", ct);
        var task = await access.FindVisibleTaskAsync(taskId, me, withComments: false, ct);
        if (task is null)
            return Problems.NotFound("The task");
        if (!EntityVersions.IfMatchAllows(request, task.Version))
            return EntityVersions.PreconditionFailed(request.HttpContext.Response, task.Version, "task");

        TaskComment entry;
        var now = time.GetUtcNowForDatabase();
        try
        {
            entry = await change(task, now);
        }
        catch (TaskRuleException rule)
        {
            return Problems.Conflict(rule.Message);
        }
        catch (TaskForbiddenException forbidden)
        {
            return Problems.Forbidden(forbidden.Message);
        }
        catch (TaskFieldsException invalid)
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(
                invalid.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
            });
        }
        db.AddIntegrationEvent(new TaskCommented(task.OrganizationId, task.Id, entry.Id, task.Title, me.UserId, task.ParticipantIds, now, entry.Kind, task.SubscriberIds));
        await MarkReadAsync(task, me.UserId, now, ct);
        await db.SaveChangesAsync(ct);
        if (ownTransaction is not null)
            await ownTransaction.CommitAsync(ct);
        EntityVersions.SetETag(request.HttpContext.Response, task.Version);
        return TypedResults.Created($"/api/v1/tasks/{task.Id}/comments/{entry.Id}", CommentResponse.From(entry));
    }

    /// <summary>The actor has seen their own change: it must not show up as unread for them.</summary>
    public async Task MarkReadAsync(WorkTask task, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var state = await db.UserStates.FirstOrDefaultAsync(s => s.TaskId == task.Id && s.UserId == userId, ct);
        if (state is null)
            db.UserStates.Add(state = new TaskUserState(task.Id, task.OrganizationId, userId));
        state.LastReadAt = now;
    }
}
