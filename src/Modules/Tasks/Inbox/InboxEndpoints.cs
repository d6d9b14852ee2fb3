using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Changes;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Access;

namespace Platform.Modules.Tasks.Inbox;

internal sealed record InboxItem(
    Guid Id, string Title, Guid AuthorId, Guid? AssigneeId, DateOnly? DueDate, DateTimeOffset? DueAt,
    DateTimeOffset UpdatedAt, bool Unread, string Reason);

internal sealed record InboxResponse(IReadOnlyList<InboxItem> Items, string? NextCursor);

internal sealed record SnoozeRequest(DateTimeOffset? Until);

/// <summary>Row shape of the inbox query.</summary>
internal sealed record InboxRow(Guid Id, string Title, Guid AuthorId, Guid? AssigneeId, DateOnly? DueDate, DateTimeOffset? DueAt, DateTimeOffset UpdatedAt, DateTimeOffset? LastReadAt, bool AwaitsMe);

/// <summary>
/// What needs me now: open tasks I take part in where my approval is awaited on the current step,
/// where I am responsible, or where something
/// happened since I last read the task — minus those I marked "done for now" (until the next
/// activity) or snoozed (until the given time). Mentions put a task here too: being mentioned
/// makes you a participant, and the mention is new activity.
/// </summary>
internal static class InboxEndpoints
{
    private const int MaxLimit = 200;

    public static void Map(RouteGroupBuilder api, RouteGroupBuilder tasks)
    {
        api.MapGet("/inbox", ListAsync);
        tasks.MapPost("/{id:guid}/read", (Guid id, CurrentUser me, TasksDbContext db, TaskAccess access, TaskChanges changes, TimeProvider time, CancellationToken ct) =>
            UpdateStateAsync(id, me, db, access, changes, time, (state, now) => state.LastReadAt = now, ct));
        tasks.MapPost("/{id:guid}/done-for-now", (Guid id, CurrentUser me, TasksDbContext db, TaskAccess access, TaskChanges changes, TimeProvider time, CancellationToken ct) =>
            UpdateStateAsync(id, me, db, access, changes, time, (state, now) => { state.DismissedAt = now; state.LastReadAt = now; }, ct));
        tasks.MapPost("/{id:guid}/snooze", async Task<IResult> (Guid id, SnoozeRequest request, CurrentUser me, TasksDbContext db, TaskAccess access, TaskChanges changes, TimeProvider time, CancellationToken ct) =>
        {
            if (request.Until is { } until && until <= time.GetUtcNow())
                return Problems.Invalid("until", "must be in the future (or null to wake the task now).");
            return await UpdateStateAsync(id, me, db, access, changes, time, (state, _) => state.SnoozedUntil = request.Until, ct);
        });
    }

    private static async Task<IResult> UpdateStateAsync(Guid id, CurrentUser me, TasksDbContext db, TaskAccess access, TaskChanges changes, TimeProvider time,
        Action<Domain.TaskUserState, DateTimeOffset> update, CancellationToken ct)
    {
        var task = await access.FindVisibleTaskAsync(id, me, withComments: false, ct);
        if (task is null)
            return Problems.NotFound("The task");
        var now = time.GetUtcNowForDatabase();
        await changes.MarkReadAsync(task, me.UserId, now, ct);
        var state = db.UserStates.Local.First(s => s.TaskId == id && s.UserId == me.UserId);
        // Personal state, not a change of the task: no history entry, no version bump.
        update(state, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<InboxResponse>, ValidationProblem>> ListAsync(
        CurrentUser me, TasksDbContext db, TimeProvider time, CancellationToken ct, int? limit = null, string? after = null)
    {
        if (!PageRequest.TryParse(limit, after, 50, MaxLimit, out var page, out var invalid))
            return invalid!;
        var cursor = page.After;
        var take = page.Limit;
        var now = time.GetUtcNow();
        var rows = await db.Database.SqlQuery<InboxRow>($"""
            SELECT t.id AS "Id", t.title AS "Title", t.author_id AS "AuthorId", t.assignee_id AS "AssigneeId",
                   t.due_date AS "DueDate", t.due_at AS "DueAt", t.updated_at AS "UpdatedAt", s.last_read_at AS "LastReadAt",
                   t.pending_approver_ids @> ARRAY[{me.UserId}] AS "AwaitsMe"
            FROM tasks.task_participants p
            JOIN tasks.tasks t ON t.id = p.task_id
            LEFT JOIN tasks.task_user_states s ON s.task_id = t.id AND s.user_id = p.user_id
            WHERE p.organization_id = {me.OrganizationId} AND p.user_id = {me.UserId}
              AND t.closed_at IS NULL
              AND (s.snoozed_until IS NULL OR s.snoozed_until <= {now})
              AND (s.dismissed_at IS NULL OR t.updated_at > s.dismissed_at)
              AND (t.assignee_id = {me.UserId} OR t.pending_approver_ids @> ARRAY[{me.UserId}]
                   OR s.last_read_at IS NULL OR t.updated_at > s.last_read_at)
              AND ({cursor == null} OR (p.task_updated_at, p.task_id) < ({cursor?.Timestamp ?? DateTimeOffset.MaxValue}, {cursor?.Id ?? Guid.Empty}))
            ORDER BY p.task_updated_at DESC, p.task_id DESC
            LIMIT {take + 1}
            """).ToListAsync(ct);

        var (items, next) = page.Slice(rows.Select(r => new InboxItem(r.Id, r.Title, r.AuthorId, r.AssigneeId, r.DueDate, r.DueAt, r.UpdatedAt,
                Unread: r.LastReadAt is null || r.UpdatedAt > r.LastReadAt,
                Reason: r.AwaitsMe ? "approval" : r.AssigneeId == me.UserId ? "responsible" : "new_activity")).ToList(),
            i => new Cursor(i.UpdatedAt, i.Id));
        return TypedResults.Ok(new InboxResponse(items, next));
    }
}
