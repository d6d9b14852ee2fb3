using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Access;

namespace Platform.Modules.Tasks.GetTask;

internal static class GetTaskEndpoint
{
    public static void Map(RouteGroupBuilder tasks) => tasks.MapGet("/{id:guid}", async Task<Results<Ok<TaskDetailsResponse>, StatusCodeHttpResult, ProblemHttpResult>> (
        Guid id, CurrentUser me, TaskAccess access, HttpContext http, CancellationToken ct) =>
    {
        var task = await access.FindVisibleTaskAsync(id, me, withComments: true, ct);
        if (task is null)
            return Problems.NotFound("The task");
        EntityVersions.SetETag(http.Response, task.Version);
        // Clients polling a task they already have get 304 and no body.
        if (EntityVersions.IfNoneMatchHits(http.Request, task.Version))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(TaskDetailsResponse.From(task, await access.VisibleListIdsAsync(task.Id, me, ct)));
    });
}
