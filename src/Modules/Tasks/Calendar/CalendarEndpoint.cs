using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Tasks.Data;

namespace Platform.Modules.Tasks.Calendar;

internal sealed record CalendarEntry(Guid Id, string Title, Guid? AssigneeId, DateOnly? DueDate, DateTimeOffset? DueAt, int? DurationMinutes, DateTimeOffset? ClosedAt);

internal sealed record CalendarResponse(DateOnly From, DateOnly To, IReadOnlyList<CalendarEntry> Items);

/// <summary>
/// <c>GET /api/v1/calendar?from=2026-11-01&amp;to=2026-11-30</c>: tasks I take part in that are
/// due in the range (inclusive days; moments compared in UTC), at most 366 days and 2000 tasks.
/// </summary>
internal static class CalendarEndpoint
{
    private const int MaxDays = 366;
    private const int MaxItems = 2000;

    public static void Map(RouteGroupBuilder api) => api.MapGet("/calendar", HandleAsync);

    private static async Task<Results<Ok<CalendarResponse>, ValidationProblem>> HandleAsync(
        DateOnly? from, DateOnly? to, CurrentUser me, TasksDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (from is null)
            errors.Add("from", "is required (yyyy-MM-dd).");
        if (to is null)
            errors.Add("to", "is required (yyyy-MM-dd).");
        if (from is { } f && to is { } t && (t < f || t.DayNumber - f.DayNumber >= MaxDays))
            errors.Add("to", $"must be on or after 'from' and at most {MaxDays} days later.");
        if (errors.Any)
            return errors.ToProblem();

        var start = new DateTimeOffset(from!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var items = await db.Tasks.AsNoTracking()
            .Where(t => t.OrganizationId == me.OrganizationId && t.Participants.Any(p => p.UserId == me.UserId))
            .Where(t => (t.DueDate >= from && t.DueDate <= to) || (t.DueAt >= start && t.DueAt < end))
            .OrderBy(t => t.DueDate ?? DateOnly.FromDateTime(t.DueAt!.Value.UtcDateTime)).ThenBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(MaxItems)
            .Select(t => new CalendarEntry(t.Id, t.Title, t.AssigneeId, t.DueDate, t.DueAt, t.DurationMinutes, t.ClosedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new CalendarResponse(from.Value, to.Value, items));
    }
}
