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
    private const int MaxPerRequest = 100;

    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{id:guid}/participants", async Task<IResult> (Guid id, AddParticipantsRequest request, CurrentUser me,
            TaskChanges changes, IUserDirectory directory, HttpRequest http, CancellationToken ct) =>
        {
            var ids = request.UserIds?.Distinct().ToList() ?? [];
            if (ids.Count is 0 or > MaxPerRequest)
                return Problems.Invalid("userIds", $"give between 1 and {MaxPerRequest} user ids.");
            var members = (await directory.FindManyAsync(me.OrganizationId, ids, ct)).Select(u => u.Id).ToHashSet();
            var unknown = ids.Where(u => !members.Contains(u)).ToList();
            if (unknown.Count > 0)
                return Problems.Invalid("userIds", $"not members of your organisation: {string.Join(", ", unknown)}.");
            return await changes.ApplyAsync(id, me, http, (task, now) => task.Apply(me.UserId, new TaskEdit { AddParticipants = ids }, now), ct);
        });

        tasks.MapDelete("/{id:guid}/participants/{userId:guid}", async Task<IResult> (Guid id, Guid userId, CurrentUser me,
            TaskChanges changes, HttpRequest http, CancellationToken ct) =>
            await changes.ApplyAsync(id, me, http, (task, now) => task.Apply(me.UserId, new TaskEdit { RemoveParticipants = [userId] }, now), ct));
    }
}
