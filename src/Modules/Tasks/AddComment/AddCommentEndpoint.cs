using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Contracts;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;
using Platform.Modules.Tasks.GetTask;

namespace Platform.Modules.Tasks.AddComment;

internal sealed record AddCommentRequest(string? Text);

internal static class AddCommentEndpoint
{
    public static void Map(RouteGroupBuilder tasks) => tasks.MapPost("/{id:guid}/comments", HandleAsync);

    private static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, AddCommentRequest request, CurrentUser me, TasksDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("text", request.Text, TaskComment.MaxTextLength);
        if (errors.Any)
            return errors.ToProblem();

        var task = await db.FindVisibleTaskAsync(id, me, withComments: false, ct);
        if (task is null)
            return Problems.NotFound("The task");

        var comment = task.Comment(me.UserId, request.Text!, time.GetUtcNowForDatabase());
        db.AddIntegrationEvent(new TaskCommented(
            task.OrganizationId, task.Id, comment.Id, task.Title, me.UserId, task.ParticipantIds, comment.CreatedAt));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/tasks/{task.Id}/comments/{comment.Id}", CommentResponse.From(comment));
    }
}
