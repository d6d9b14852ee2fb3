using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.GetTask;

internal static class GetTaskEndpoint
{
    public static void Map(RouteGroupBuilder tasks) => tasks.MapGet("/{id:guid}", async Task<Results<Ok<TaskDetailsResponse>, StatusCodeHttpResult, ProblemHttpResult>> (
        Guid id, CurrentUser me, TasksDbContext db, HttpContext http, CancellationToken ct) =>
    {
        var task = await db.FindVisibleTaskAsync(id, me, withComments: true, ct);
        if (task is null)
            return Problems.NotFound("The task");
        EntityVersions.SetETag(http.Response, task.Version);
        // Clients polling a task they already have get 304 and no body.
        if (EntityVersions.IfNoneMatchHits(http.Request, task.Version))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(TaskDetailsResponse.From(task));
    });
}

internal static class TaskQueries
{
    /// <summary>
    /// The one way a handler loads a task for a user: same organisation AND the user takes part
    /// in it or is a member of a list that holds it. Anything else is "not found", so ids of
    /// other tenants reveal nothing.
    /// </summary>
    public static Task<WorkTask?> FindVisibleTaskAsync(this TasksDbContext db, Guid id, CurrentUser me, bool withComments, CancellationToken ct)
    {
        var query = db.Tasks.Include(t => t.Participants)
            .Where(t => t.Id == id && t.OrganizationId == me.OrganizationId)
            .Where(t => t.Participants.Any(p => p.UserId == me.UserId)
                        || db.ListItems.Any(i => i.TaskId == t.Id && db.ListMembers.Any(m => m.ListId == i.ListId && m.UserId == me.UserId)));
        if (withComments)
            query = query.Include(t => t.Comments);
        return query.AsSplitQuery().FirstOrDefaultAsync(ct);
    }
}
