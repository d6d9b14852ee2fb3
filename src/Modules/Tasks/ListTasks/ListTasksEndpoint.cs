using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.ListTasks;

internal static class ListTasksEndpoint
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static void Map(RouteGroupBuilder tasks) => tasks.MapGet("/", HandleAsync);

    /// <summary>Tasks the caller takes part in, most recent activity first, keyset-paged.</summary>
    private static async Task<Results<Ok<TaskListResponse>, ValidationProblem>> HandleAsync(
        CurrentUser me, TasksDbContext db, CancellationToken ct, int? limit = null, string? after = null)
    {
        if (!PageRequest.TryParse(limit, after, DefaultLimit, MaxLimit, out var page, out var invalid))
            return invalid!;
        var cursor = page.After;
        var take = page.Limit;

        // Walks the participant index in (task_updated_at, task_id) order and stops after a page;
        // the row-value keyset condition keeps that index-friendly. EF cannot express it.
        var rows = await db.Tasks.FromSqlInterpolated($"""
                SELECT t.* FROM tasks.task_participants p
                JOIN tasks.tasks t ON t.id = p.task_id
                WHERE p.organization_id = {me.OrganizationId} AND p.user_id = {me.UserId}
                  AND ({cursor == null} OR (p.task_updated_at, p.task_id) < ({cursor?.Timestamp ?? DateTimeOffset.MaxValue}, {cursor?.Id ?? Guid.Empty}))
                ORDER BY p.task_updated_at DESC, p.task_id DESC
                LIMIT {take + 1}
                """)
            .AsNoTracking()
            .ToSummaries()
            .ToListAsync(ct);
        return TypedResults.Ok(TaskListResponse.From(page, rows));
    }
}
