using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Changes;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.Lists;

internal sealed record AddToListRequest(Guid? ListId);

/// <summary>A list's tasks, and putting a task into / taking it out of a list (recorded in its history).</summary>
internal static class ListTaskEndpoints
{
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder tasks)
    {
        api.MapGet("/lists/{id:guid}/tasks", ListTasksAsync);

        tasks.MapPost("/{id:guid}/lists", async Task<IResult> (Guid id, AddToListRequest request, CurrentUser me, TasksDbContext db,
            TaskChanges changes, TimeProvider time, HttpRequest http, CancellationToken ct) =>
        {
            if (request.ListId is not { } listId || await db.FindVisibleListAsync(listId, me, ct) is null)
                return Problems.Invalid("listId", "is not a list you can see.");
            if (await db.ListItems.AnyAsync(i => i.ListId == listId && i.TaskId == id, ct))
                return Problems.Conflict("The task is already in this list.");
            return await changes.ApplyAsync(id, me, http, (task, now) =>
            {
                db.ListItems.Add(new TaskListItem(listId, task.Id, task.OrganizationId, now));
                return task.Apply(me.UserId, new TaskEdit { Lists = [(listId, true)] }, now);
            }, ct);
        });

        tasks.MapDelete("/{id:guid}/lists/{listId:guid}", async Task<IResult> (Guid id, Guid listId, CurrentUser me, TasksDbContext db,
            TaskChanges changes, HttpRequest http, CancellationToken ct) =>
        {
            if (await db.FindVisibleListAsync(listId, me, ct) is null)
                return Problems.NotFound("The list");
            var item = await db.ListItems.FirstOrDefaultAsync(i => i.ListId == listId && i.TaskId == id && i.OrganizationId == me.OrganizationId, ct);
            if (item is null)
                return Problems.NotFound("The task in this list");
            return await changes.ApplyAsync(id, me, http, (task, now) =>
            {
                db.ListItems.Remove(item);
                return task.Apply(me.UserId, new TaskEdit { Lists = [(listId, false)] }, now);
            }, ct);
        });
    }

    /// <summary>
    /// <c>GET /lists/{id}/tasks?includeNested=true</c> also lists the tasks of every list nested
    /// below (whoever sees a list sees its whole branch). A task in several of those lists comes
    /// once: the lists only select task ids, so the (updated_at, id) keyset stays a strict order.
    /// </summary>
    /// <remarks>
    /// The branch is read first and passed as an array rather than walked inside the page query:
    /// PostgreSQL cannot estimate a recursive CTE's size, guessed a thousand lists, and either
    /// hashed all of the organisation's list items or paid ~10 ms of JIT compilation per page.
    /// Knowing the array, it plans for the branch at hand: index lookups for a small one, the tasks'
    /// (organization_id, updated_at) index for a large one. Measured on 100k tasks in 2 220 lists
    /// (first page, PostgreSQL 15): a 111-list branch of 6 000 tasks 18–25 ms → 1 + 2.5 ms, a
    /// one-list branch 10 ms → 0.4 + 0.5 ms.
    /// </remarks>
    private static async Task<Results<Ok<TaskListResponse>, ValidationProblem, ProblemHttpResult>> ListTasksAsync(
        Guid id, CurrentUser me, TasksDbContext db, CancellationToken ct, int? limit = null, string? after = null, bool includeNested = false)
    {
        if (await db.FindVisibleListAsync(id, me, ct) is null)
            return Problems.NotFound("The list");
        if (!PageRequest.TryParse(limit, after, 50, 200, out var page, out var invalid))
            return invalid!;
        var cursor = page.After;
        var take = page.Limit;
        var listIds = includeNested ? await db.BranchListIdsAsync(me.OrganizationId, id, ct) : [id];
        var rows = await db.Tasks.FromSqlInterpolated($"""
                SELECT t.* FROM tasks.tasks t
                WHERE t.organization_id = {me.OrganizationId}
                  AND t.id IN (SELECT i.task_id FROM tasks.list_items i WHERE i.list_id = ANY({listIds}) AND i.organization_id = {me.OrganizationId})
                  AND ({cursor == null} OR (t.updated_at, t.id) < ({cursor?.Timestamp ?? DateTimeOffset.MaxValue}, {cursor?.Id ?? Guid.Empty}))
                ORDER BY t.updated_at DESC, t.id DESC
                LIMIT {take + 1}
                """)
            .AsNoTracking()
            .OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id) // the page's order, kept through EF's wrapping subquery
            .ToSummaries()
            .ToListAsync(ct);
        return TypedResults.Ok(TaskListResponse.From(page, rows));
    }
}
