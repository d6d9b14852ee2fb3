using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Changes;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.CloseTask;

internal sealed record CloseRequest(string? Text);

/// <summary><c>POST …/close</c> and <c>…/reopen</c>, each with an optional comment; honour If-Match.</summary>
internal static class CloseTaskEndpoints
{
    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{id:guid}/close", async Task<IResult> (Guid id, CurrentUser me, TaskChanges changes, HttpRequest http, CancellationToken ct) =>
        {
            var (request, unreadable) = await OptionalJsonBody.ReadAsync<CloseRequest>(http, ct);
            return unreadable ?? (IResult?)Invalid(request) ?? await changes.ApplyAsync(id, me, http, (task, now) => task.Close(me.UserId, Text(request), now), ct);
        });
        tasks.MapPost("/{id:guid}/reopen", async Task<IResult> (Guid id, CurrentUser me, TaskChanges changes, HttpRequest http, CancellationToken ct) =>
        {
            var (request, unreadable) = await OptionalJsonBody.ReadAsync<CloseRequest>(http, ct);
            return unreadable ?? (IResult?)Invalid(request) ?? await changes.ApplyAsync(id, me, http, (task, now) => task.Reopen(me.UserId, Text(request), now), ct);
        });
    }

    private static string? Text(CloseRequest? request) => string.IsNullOrWhiteSpace(request?.Text) ? null : request.Text;

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem? Invalid(CloseRequest? request)
    {
        var errors = new FieldErrors().Optional("text", request?.Text, TaskComment.MaxTextLength);
        return errors.Any ? errors.ToProblem() : null;
    }
}
