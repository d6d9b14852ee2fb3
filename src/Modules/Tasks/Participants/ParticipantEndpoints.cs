using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Tasks.Changes;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.Participants;

internal sealed record AddParticipantsRequest(IReadOnlyList<Guid>? UserIds);

/// <summary>Adding or removing participants is a change like any other: it is in the history.</summary>
internal static class ParticipantEndpoints
{
    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{id:guid}/participants", async Task<IResult> (Guid id, AddParticipantsRequest request, CurrentUser me,
            TaskChanges changes, IUserDirectory directory, HttpRequest http, CancellationToken ct) =>
        {
            var (ids, problem) = await MemberIds.CheckAsync(request.UserIds, me.OrganizationId, directory, ct);
            if (problem is not null)
                return problem;
            return await changes.ApplyAsync(id, me, http, (task, now) => task.Apply(me.UserId, new TaskEdit { AddParticipants = ids }, now), ct);
        });

        tasks.MapDelete("/{id:guid}/participants/{userId:guid}", async Task<IResult> (Guid id, Guid userId, CurrentUser me,
            TaskChanges changes, HttpRequest http, CancellationToken ct) =>
            await changes.ApplyAsync(id, me, http, (task, now) => task.Apply(me.UserId, new TaskEdit { RemoveParticipants = [userId] }, now), ct));
    }
}
