using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.Lists;

internal sealed record ListResponse(Guid Id, string Name, Guid? ParentId, IReadOnlyList<Guid> MemberIds, DateTimeOffset CreatedAt);

/// <summary>
/// Who sees a list: the members of it or of any list above it — membership is inherited down the
/// tree, as in Pyrus projects — and the organisation's admins. Seeing a list means seeing its tasks.
/// </summary>
/// <remarks>
/// The walks are recursive CTEs with UNION (not UNION ALL): the tree has no cycles, but should one
/// ever slip in, UNION stops at rows already seen instead of looping. Each helper is one statement
/// that EF can compose into a larger query, so a visibility check stays one round trip.
/// </remarks>
internal static class ListAccess
{
    public static IQueryable<TaskList> VisibleLists(this TasksDbContext db, CurrentUser me)
    {
        var lists = db.Lists.Where(l => l.OrganizationId == me.OrganizationId);
        if (me.IsAdmin)
            return lists;
        var seen = db.ListIdsSeenThroughMembership(me.OrganizationId, me.UserId);
        return lists.Where(l => seen.Contains(l.Id));
    }

    /// <summary>One list, if the caller sees it: walks up from it (at most ten parents) looking for a membership.</summary>
    public static Task<TaskList?> FindVisibleListAsync(this TasksDbContext db, Guid id, CurrentUser me, CancellationToken ct)
    {
        var lists = db.Lists.Where(l => l.Id == id && l.OrganizationId == me.OrganizationId);
        if (!me.IsAdmin)
        {
            var memberships = db.Database.SqlQuery<Guid>($"""
                SELECT m.list_id AS "Value"
                FROM (WITH RECURSIVE up(id) AS (
                        SELECT {id}
                        UNION
                        SELECT l.parent_id FROM tasks.lists l JOIN up ON l.id = up.id WHERE l.parent_id IS NOT NULL)
                      SELECT id FROM up) a
                JOIN tasks.list_members m ON m.list_id = a.id AND m.user_id = {me.UserId}
                """);
            lists = lists.Where(l => memberships.Any());
        }
        return lists.Include(l => l.Members).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Every list the user <c>@me</c> of organisation <c>@org</c> sees as a member: the lists they belong to and
    /// everything nested below them. One text for every query that needs the rule (the register embeds it in its SQL).
    /// </summary>
    public const string ListIdsSeenThroughMembershipSql = """
        WITH RECURSIVE seen(id) AS (
            SELECT m.list_id FROM tasks.list_members m WHERE m.organization_id = @org AND m.user_id = @me
            UNION
            SELECT l.id FROM tasks.lists l JOIN seen ON l.parent_id = seen.id WHERE l.organization_id = @org)
        SELECT id FROM seen
        """;

    /// <summary><see cref="ListIdsSeenThroughMembershipSql"/> as a query EF can compose.</summary>
    public static IQueryable<Guid> ListIdsSeenThroughMembership(this TasksDbContext db, Guid organizationId, Guid userId) =>
        db.Database.SqlQueryRaw<Guid>($"""SELECT s.id AS "Value" FROM ({ListIdsSeenThroughMembershipSql}) s""",
            new Npgsql.NpgsqlParameter("org", organizationId), new Npgsql.NpgsqlParameter("me", userId));

    /// <summary>
    /// The lists holding the task that the user sees as a member (of the list or of one above it).
    /// Walks up from the task's few lists rather than down from the user's memberships: a handful of
    /// primary-key lookups, however large the user's projects are.
    /// </summary>
    public static IQueryable<Guid> TaskListIdsSeenThroughMembership(this TasksDbContext db, Guid organizationId, Guid taskId, Guid userId) =>
        db.Database.SqlQuery<Guid>($"""
            SELECT DISTINCT c.list_id AS "Value"
            FROM (WITH RECURSIVE chain(list_id, id) AS (
                    SELECT i.list_id, i.list_id FROM tasks.list_items i WHERE i.task_id = {taskId} AND i.organization_id = {organizationId}
                    UNION
                    SELECT chain.list_id, l.parent_id FROM tasks.lists l JOIN chain ON l.id = chain.id WHERE l.parent_id IS NOT NULL)
                  SELECT list_id, id FROM chain) c
            JOIN tasks.list_members m ON m.list_id = c.id AND m.user_id = {userId}
            """);

    /// <summary>The list and every list nested below it (seeing a list means seeing all of them).</summary>
    public static Task<Guid[]> BranchListIdsAsync(this TasksDbContext db, Guid organizationId, Guid listId, CancellationToken ct) =>
        db.Database.SqlQuery<Guid>($"""
            SELECT b.id AS "Value"
            FROM (WITH RECURSIVE branch(id) AS (
                    SELECT {listId}
                    UNION
                    SELECT l.id FROM tasks.lists l JOIN branch ON l.parent_id = branch.id WHERE l.organization_id = {organizationId})
                  SELECT id FROM branch) b
            """).ToArrayAsync(ct);

    public static ListResponse ToResponse(this TaskList list) =>
        new(list.Id, list.Name, list.ParentId, list.Members.Select(m => m.UserId).ToList(), list.CreatedAt);
}
