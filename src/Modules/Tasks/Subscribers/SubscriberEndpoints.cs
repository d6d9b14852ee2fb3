using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Tasks.Changes;
using Platform.Modules.Tasks.Domain;
using Platform.Modules.Tasks.Participants;

namespace Platform.Modules.Tasks.Subscribers;

internal sealed record AddSubscribersRequest(IReadOnlyList<Guid>? UserIds);

/// <summary>
/// <c>POST /api/v1/tasks/{id}/subscribers</c> { userIds } and <c>DELETE …/subscribers/{userId}</c>.
/// Anyone who sees the task subscribes or unsubscribes themselves; only participants subscribe or
/// unsubscribe other people. Each change is one history entry (<c>subscribers</c> from/to).
/// </summary>
internal static class SubscriberEndpoints
{
    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{id:guid}/subscribers", async Task<IResult> (Guid id, AddSubscribersRequest request, CurrentUser me,
            TaskChanges changes, IUserDirectory directory, HttpRequest http, CancellationToken ct) =>
        {
            var (ids, problem) = await MemberIds.CheckAsync(request.UserIds, me.OrganizationId, directory, ct);
            if (problem is not null)
                return problem;
            return await changes.ApplyAsync(id, me, http, (task, now) =>
            {
                RequireParticipantUnlessSelf(task, me, ids);
                return task.Subscribe(me.UserId, ids, now);
            }, ct);
        });

        tasks.MapDelete("/{id:guid}/subscribers/{userId:guid}", async Task<IResult> (Guid id, Guid userId, CurrentUser me,
            TaskChanges changes, HttpRequest http, CancellationToken ct) =>
            await changes.ApplyAsync(id, me, http, (task, now) =>
            {
                RequireParticipantUnlessSelf(task, me, [userId]);
                return task.Unsubscribe(me.UserId, userId, now);
            }, ct));
    }

    private static void RequireParticipantUnlessSelf(WorkTask task, CurrentUser me, IReadOnlyList<Guid> userIds)
    {
        if (userIds.Any(u => u != me.UserId) && !task.IsParticipant(me.UserId))
            throw new TaskForbiddenException("Only the task's participants can subscribe or unsubscribe other people; anyone who sees the task can subscribe themselves.");
    }
}
