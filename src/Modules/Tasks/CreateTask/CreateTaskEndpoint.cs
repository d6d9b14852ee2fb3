using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Tasks.Contracts;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.CreateTask;

internal sealed record CreateTaskRequest(string? Title, string? Description, Guid? AssigneeId, DateOnly? DueDate, DateTimeOffset? DueAt, int? DurationMinutes);

internal static class CreateTaskEndpoint
{
    public static void Map(RouteGroupBuilder tasks) => tasks.MapPost("/", HandleAsync);

    private static async Task<Results<Created<TaskDetailsResponse>, ValidationProblem>> HandleAsync(
        CreateTaskRequest request, CurrentUser me, TasksDbContext db, IUserDirectory directory, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required("title", request.Title, WorkTask.MaxTitleLength)
            .Optional("description", request.Description, WorkTask.MaxDescriptionLength);
        // The assignee must be a member of the caller's organisation; an id from another tenant
        // reads exactly like one that does not exist.
        if (request.AssigneeId is { } assigneeId && await directory.FindAsync(me.OrganizationId, assigneeId, ct) is null)
            errors.Add("assigneeId", "is not a member of your organisation.");
        if (request.DueDate is not null && request.DueAt is not null)
            errors.Add("dueDate", "give either dueDate (a whole day) or dueAt (a moment), not both.");
        if (request.DurationMinutes is not null && (request.DueAt is null || request.DurationMinutes is < 1 or > 14 * 24 * 60))
            errors.Add("durationMinutes", "needs dueAt and must be between 1 and 20160.");
        if (errors.Any)
            return errors.ToProblem();

        var due = request.DueDate is null && request.DueAt is null ? null : new Due(request.DueDate, request.DueAt?.ToUniversalTime(), request.DurationMinutes);
        var task = WorkTask.Create(me.OrganizationId, me.UserId, request.Title!, request.Description, request.AssigneeId, time.GetUtcNowForDatabase(), due);
        db.Tasks.Add(task);
        // The author has seen their own task: it is not "new activity" in their inbox.
        db.UserStates.Add(new TaskUserState(task.Id, task.OrganizationId, me.UserId) { LastReadAt = task.CreatedAt });
        db.AddIntegrationEvent(new TaskCreated(
            task.OrganizationId, task.Id, task.Title, task.AuthorId, task.AssigneeId, task.ParticipantIds, task.CreatedAt));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/tasks/{task.Id}", TaskDetailsResponse.From(task));
    }
}
