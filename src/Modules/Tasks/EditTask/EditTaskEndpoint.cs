using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Tasks.Changes;

namespace Platform.Modules.Tasks.EditTask;

internal static class EditTaskEndpoint
{
    /// <summary>
    /// <c>PATCH /api/v1/tasks/{id}</c>: change fields (and optionally say why in <c>text</c>);
    /// honours If-Match. The change is one history entry listing each field's old and new value.
    /// </summary>
    public static void Map(RouteGroupBuilder tasks) => tasks.MapPatch("/{id:guid}", HandleAsync);

    private static async Task<IResult> HandleAsync(
        Guid id, JsonElement body, CurrentUser me, TaskChanges changes, IUserDirectory directory, HttpRequest http, CancellationToken ct)
    {
        var (edit, errors) = TaskEditParser.Parse(body);
        if (edit.AssigneeId is { HasValue: true, Value: { } assignee } && await directory.FindAsync(me.OrganizationId, assignee, ct) is null)
            errors.Add("assigneeId", "is not a member of your organisation.");
        if (errors.Any)
            return errors.ToProblem();
        return await changes.ApplyAsync(id, me, http, (task, now) => task.Apply(me.UserId, edit, now), ct);
    }
}
