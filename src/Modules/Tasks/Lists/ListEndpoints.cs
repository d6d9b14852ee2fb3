using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.Lists;

internal sealed record ListRequest(string? Name, Guid? ParentId);

internal sealed record ListMembersRequest(IReadOnlyList<Guid>? UserIds);

/// <summary>Lists (projects): create, rename or move (never inside itself, at most 10 levels), members, delete.</summary>
internal static class ListEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/lists");
        lists.MapGet("/", async (CurrentUser me, TasksDbContext db, CancellationToken ct) =>
            TypedResults.Ok(new { items = (await db.VisibleLists(me).Include(l => l.Members).OrderBy(l => l.Name).ThenBy(l => l.Id).Take(2000).ToListAsync(ct)).Select(l => l.ToResponse()) }));

        lists.MapPost("/", async Task<IResult> (ListRequest request, CurrentUser me, TasksDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            var errors = new FieldErrors().Required("name", request.Name, TaskList.MaxNameLength);
            await using var transaction = request.ParentId is null ? null : await db.LockTreeAsync(me.OrganizationId, ct);
            if (request.ParentId is { } parent && await db.FindVisibleListAsync(parent, me, ct) is null)
                errors.Add("parentId", "is not a list you can see.");
            else if (request.ParentId is not null && await db.ProblemPlacingAsync(me.OrganizationId, request.ParentId, null, ct) is { } problem)
                errors.Add("parentId", problem);
            if (errors.Any)
                return errors.ToProblem();
            var list = TaskList.Create(me.OrganizationId, me.UserId, request.Name!, request.ParentId, time.GetUtcNowForDatabase());
            db.Lists.Add(list);
            await db.SaveChangesAsync(ct);
            if (transaction is not null)
                await transaction.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/lists/{list.Id}", list.ToResponse());
        });

        lists.MapPatch("/{id:guid}", EditAsync);

        lists.MapDelete("/{id:guid}", async Task<IResult> (Guid id, CurrentUser me, TasksDbContext db, CancellationToken ct) =>
        {
            // Locked so that no list is created or moved under this one between the check and the delete.
            await using var transaction = await db.LockTreeAsync(me.OrganizationId, ct);
            var list = await db.FindVisibleListAsync(id, me, ct);
            if (list is null)
                return Problems.NotFound("The list");
            if (await db.Lists.AnyAsync(l => l.ParentId == id && l.OrganizationId == me.OrganizationId, ct))
                return Problems.Conflict("The list has nested lists: move or delete them first.");
            db.Lists.Remove(list); // its tasks stay; only their membership in this list goes
            await db.SaveChangesAsync(ct);
            if (transaction is not null)
                await transaction.CommitAsync(ct);
            return TypedResults.NoContent();
        });

        lists.MapPost("/{id:guid}/members", async Task<IResult> (Guid id, ListMembersRequest request, CurrentUser me, TasksDbContext db, IUserDirectory directory, CancellationToken ct) =>
        {
            var list = await db.FindVisibleListAsync(id, me, ct);
            if (list is null)
                return Problems.NotFound("The list");
            var ids = request.UserIds?.Distinct().ToList() ?? [];
            if (ids.Count is 0 or > 100)
                return Problems.Invalid("userIds", "give between 1 and 100 user ids.");
            var members = (await directory.FindManyAsync(me.OrganizationId, ids, ct)).Select(u => u.Id).ToHashSet();
            if (ids.FirstOrDefault(u => !members.Contains(u)) is var unknown && unknown != Guid.Empty)
                return Problems.Invalid("userIds", $"{unknown} is not a member of your organisation.");
            foreach (var userId in ids.Where(u => list.Members.All(m => m.UserId != u)))
                list.Members.Add(new TaskListMember(list.Id, list.OrganizationId, userId));
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(list.ToResponse());
        });

        lists.MapDelete("/{id:guid}/members/{userId:guid}", async Task<IResult> (Guid id, Guid userId, CurrentUser me, TasksDbContext db, CancellationToken ct) =>
        {
            var list = await db.FindVisibleListAsync(id, me, ct);
            if (list is null)
                return Problems.NotFound("The list");
            if (list.Members.Count == 1 && list.Members[0].UserId == userId)
                return Problems.Conflict("A list keeps at least one member.");
            list.Members.RemoveAll(m => m.UserId == userId);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(list.ToResponse());
        });
    }

    /// <summary>
    /// Rename and/or move: <c>parentId</c> absent leaves the list in place, null moves it to the top
    /// level. Moving needs the new parent to be visible to the caller, and brings the whole branch
    /// along, so the branch's height counts towards the depth limit.
    /// </summary>
    private static async Task<IResult> EditAsync(Guid id, JsonElement body, CurrentUser me, TasksDbContext db, CancellationToken ct)
    {
        var (edit, errors) = ListEditParser.Parse(body);
        await using var transaction = edit.ParentId.HasValue ? await db.LockTreeAsync(me.OrganizationId, ct) : null;
        var list = await db.FindVisibleListAsync(id, me, ct);
        if (list is null)
            return Problems.NotFound("The list");
        if (edit.ParentId is { HasValue: true, Value: var parentId } && parentId != Guid.Empty && parentId != list.ParentId)
        {
            if (parentId is { } parent && await db.FindVisibleListAsync(parent, me, ct) is null)
                errors.Add("parentId", "is not a list you can see.");
            else if (await db.ProblemPlacingAsync(me.OrganizationId, parentId, list.Id, ct) is { } problem)
                errors.Add("parentId", problem);
        }
        if (errors.Any)
            return errors.ToProblem();
        if (edit.Name.HasValue)
            list.Name = edit.Name.Value;
        if (edit.ParentId.HasValue)
            list.ParentId = edit.ParentId.Value;
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
            await transaction.CommitAsync(ct);
        return TypedResults.Ok(list.ToResponse());
    }
}
