using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.Lists;

internal sealed record ListResponse(Guid Id, string Name, Guid? ParentId, IReadOnlyList<Guid> MemberIds, DateTimeOffset CreatedAt);

/// <summary>Who sees a list: its members, and the organisation's admins.</summary>
internal static class ListAccess
{
    public static IQueryable<TaskList> VisibleLists(this TasksDbContext db, CurrentUser me) =>
        db.Lists.Where(l => l.OrganizationId == me.OrganizationId && (me.IsAdmin || l.Members.Any(m => m.UserId == me.UserId)));

    public static Task<TaskList?> FindVisibleListAsync(this TasksDbContext db, Guid id, CurrentUser me, CancellationToken ct) =>
        db.VisibleLists(me).Include(l => l.Members).FirstOrDefaultAsync(l => l.Id == id, ct);

    public static ListResponse ToResponse(this TaskList list) =>
        new(list.Id, list.Name, list.ParentId, list.Members.Select(m => m.UserId).ToList(), list.CreatedAt);

    /// <summary>Depth of <paramref name="parentId"/>'s chain, or -1 when moving under it would make a cycle.</summary>
    public static async Task<int> DepthBelowAsync(this TasksDbContext db, Guid organizationId, Guid? parentId, Guid? movingListId, CancellationToken ct)
    {
        var depth = 0;
        for (var current = parentId; current is { } id; depth++)
        {
            if (id == movingListId || depth > TaskList.MaxDepth)
                return -1;
            current = await db.Lists.Where(l => l.Id == id && l.OrganizationId == organizationId).Select(l => l.ParentId).FirstOrDefaultAsync(ct);
        }
        return depth;
    }
}
