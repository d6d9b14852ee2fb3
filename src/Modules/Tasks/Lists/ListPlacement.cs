using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.Lists;

/// <summary>Where a list may go in its organisation's tree: never inside itself, never deeper than <see cref="TaskList.MaxDepth"/> levels.</summary>
internal static class ListPlacement
{
    /// <param name="ParentLevel">Level of the new parent (a top-level list is level 1; 0 for no parent).</param>
    /// <param name="InsideItself">The new parent is the list itself or one of the lists nested in it.</param>
    /// <param name="Height">Levels the moved branch spans (1 for a list with nothing nested, or a new list).</param>
    private sealed record Placement(int ParentLevel, bool InsideItself, int Height);

    /// <summary>
    /// Serialises changes to an organisation's list tree (create under a parent, move, delete) with a
    /// transaction-scoped advisory lock: two moves checked at once (A under B, B under A) would each
    /// pass against the other's old tree and together make a cycle. Returns the transaction to
    /// commit, or null when the caller's transaction (Idempotency-Key) already holds the work.
    /// </summary>
    public static async Task<IDbContextTransaction?> LockTreeAsync(this TasksDbContext db, Guid organizationId, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"tasks.lists:" + organizationId.ToString("N")}, 0))", ct);
        return own;
    }

    /// <summary>
    /// Why <paramref name="listId"/> (null: a new list) cannot go under <paramref name="parentId"/>
    /// (null: the top level), or null when it can. One query: the parent's chain upwards and the
    /// moved branch downwards, both cut off just past the limit so a broken tree cannot make them run on.
    /// </summary>
    public static async Task<string?> ProblemPlacingAsync(this TasksDbContext db, Guid organizationId, Guid? parentId, Guid? listId, CancellationToken ct)
    {
        var placement = (await db.Database.SqlQuery<Placement>($"""
            WITH RECURSIVE up(id, parent_id, level) AS (
                SELECT l.id, l.parent_id, 1 FROM tasks.lists l WHERE l.id = {parentId} AND l.organization_id = {organizationId}
                UNION ALL
                SELECT l.id, l.parent_id, up.level + 1 FROM tasks.lists l JOIN up ON l.id = up.parent_id WHERE up.level <= {TaskList.MaxDepth}),
            down(id, level) AS (
                SELECT l.id, 1 FROM tasks.lists l WHERE l.id = {listId} AND l.organization_id = {organizationId}
                UNION ALL
                SELECT l.id, down.level + 1 FROM tasks.lists l JOIN down ON l.parent_id = down.id
                WHERE l.organization_id = {organizationId} AND down.level <= {TaskList.MaxDepth})
            SELECT (SELECT count(*)::int FROM up) AS "ParentLevel",
                   EXISTS (SELECT 1 FROM up JOIN down ON down.id = up.id) AS "InsideItself",
                   COALESCE((SELECT max(level) FROM down), 1) AS "Height"
            """).ToListAsync(ct))[0];
        if (placement.InsideItself)
            return "would put the list inside itself (the new parent is the list or one of the lists nested in it).";
        if (placement.ParentLevel + placement.Height > TaskList.MaxDepth)
            return placement.Height > 1
                ? $"would nest lists deeper than {TaskList.MaxDepth} levels (the new parent is at level {placement.ParentLevel} and the list brings {placement.Height} levels with it)."
                : $"would nest lists deeper than {TaskList.MaxDepth} levels (the new parent is at level {placement.ParentLevel}).";
        return null;
    }
}
