using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Tasks.Changes;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.FormTasks;

internal sealed record DecisionRequest(string? Text, int? Step);

/// <summary>
/// <c>PATCH …/form</c> { values, text? } changes field values; <c>POST …/approve</c>, <c>…/reject</c>,
/// <c>…/revoke</c>, <c>…/re-request</c> { text?, step? } move the route. Each is one history entry
/// and honours If-Match.
/// </summary>
internal static class FormTaskEndpoints
{
    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapPatch("/{id:guid}/form", async Task<IResult> (Guid id, JsonElement body, CurrentUser me, TaskChanges changes, FormTaskService forms, HttpRequest http, CancellationToken ct) =>
        {
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Object)
                return Problems.Invalid("values", "is required: an object of field code → value.");
            var text = body.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (text is { Length: > TaskComment.MaxTextLength })
                return Problems.Invalid("text", $"must be at most {TaskComment.MaxTextLength} characters.");
            return await changes.ApplyAsync(id, me, http, (task, now) => forms.ChangeFieldsAsync(task, me.UserId, values.Clone(), text, now, ct), ct);
        });

        Decision(tasks, "approve", RouteActionKinds.Approve);
        Decision(tasks, "reject", RouteActionKinds.Reject);
        Decision(tasks, "revoke", RouteActionKinds.Revoke);
        Decision(tasks, "re-request", RouteActionKinds.ReRequest);
    }

    private static void Decision(RouteGroupBuilder tasks, string path, string action) =>
        tasks.MapPost($"/{{id:guid}}/{path}", async Task<IResult> (Guid id, CurrentUser me, TaskChanges changes, FormTaskService forms, HttpRequest http, CancellationToken ct) =>
        {
            var (request, unreadable) = await OptionalJsonBody.ReadAsync<DecisionRequest>(http, ct);
            if (unreadable is not null)
                return unreadable;
            if (request?.Text is { Length: > TaskComment.MaxTextLength })
                return Problems.Invalid("text", $"must be at most {TaskComment.MaxTextLength} characters.");
            var text = string.IsNullOrWhiteSpace(request?.Text) ? null : request.Text;
            return await changes.ApplyAsync(id, me, http, (task, now) => forms.DecideAsync(task, me.UserId, action, request?.Step, text, now, ct), ct);
        });
}
