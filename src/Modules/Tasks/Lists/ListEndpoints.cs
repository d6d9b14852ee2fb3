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

/// <summary>Lists (projects): create, rename or move (no cycles, at most 10 deep), members, delete.</summary>
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
            if (request.ParentId is { } parent && await db.FindVisibleListAsync(parent, me, ct) is null)
                errors.Add("parentId", "is not a list you can see.");
            else if (await db.DepthBelowAsync(me.OrganizationId, request.ParentId, null, ct) is < 0 or >= TaskList.MaxDepth)
                errors.Add("parentId", $"lists nest at most {TaskList.MaxDepth} deep.");
            if (errors.Any)
                return errors.ToProblem();
            var list = TaskList.Create(me.OrganizationId, me.UserId, request.Name!, request.ParentId, time.GetUtcNowForDatabase());
            db.Lists.Add(list);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/lists/{list.Id}", list.ToResponse());
        });

        lists.MapPatch("/{id:guid}", async Task<IResult> (Guid id, ListRequest request, CurrentUser me, TasksDbContext db, CancellationToken ct) =>
        {
            var list = await db.FindVisibleListAsync(id, me, ct);
            if (list is null)
                return Problems.NotFound("The list");
            var errors = new FieldErrors();
            if (request.Name is not null)
                errors.Required("name", request.Name, TaskList.MaxNameLength);
            if (request.ParentId is { } parent && parent != list.ParentId)
            {
                if (await db.FindVisibleListAsync(parent, me, ct) is null)
                    errors.Add("parentId", "is not a list you can see.");
                else if (await db.DepthBelowAsync(me.OrganizationId, parent, list.Id, ct) is < 0 or >= TaskList.MaxDepth)
                    errors.Add("parentId", "would put the list inside itself, or nest it too deep.");
            }
            if (errors.Any)
                return errors.ToProblem();
            list.Name = request.Name?.Trim() ?? list.Name;
            list.ParentId = request.ParentId ?? list.ParentId;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(list.ToResponse());
        });

        lists.MapDelete("/{id:guid}", async Task<IResult> (Guid id, CurrentUser me, TasksDbContext db, CancellationToken ct) =>
        {
            var list = await db.FindVisibleListAsync(id, me, ct);
            if (list is null)
                return Problems.NotFound("The list");
            if (await db.Lists.AnyAsync(l => l.ParentId == id, ct))
                return Problems.Conflict("The list has nested lists: move or delete them first.");
            db.Lists.Remove(list); // its tasks stay; only their membership in this list goes
            await db.SaveChangesAsync(ct);
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
}
