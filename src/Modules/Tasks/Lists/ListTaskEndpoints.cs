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

    private static async Task<Results<Ok<TaskListResponse>, ValidationProblem, ProblemHttpResult>> ListTasksAsync(
        Guid id, CurrentUser me, TasksDbContext db, CancellationToken ct, int? limit = null, string? after = null)
    {
        if (await db.FindVisibleListAsync(id, me, ct) is null)
            return Problems.NotFound("The list");
        if (!PageRequest.TryParse(limit, after, 50, 200, out var page, out var invalid))
            return invalid!;
        var cursor = page.After;
        var take = page.Limit;
        var rows = await db.Tasks.FromSqlInterpolated($"""
                SELECT t.* FROM tasks.tasks t
                JOIN tasks.list_items i ON i.task_id = t.id
                WHERE i.list_id = {id} AND i.organization_id = {me.OrganizationId}
                  AND ({cursor == null} OR (t.updated_at, t.id) < ({cursor?.Timestamp ?? DateTimeOffset.MaxValue}, {cursor?.Id ?? Guid.Empty}))
                ORDER BY t.updated_at DESC, t.id DESC
                LIMIT {take + 1}
                """)
            .AsNoTracking()
            .ToSummaries()
            .ToListAsync(ct);
        return TypedResults.Ok(TaskListResponse.From(page, rows));
    }
}
