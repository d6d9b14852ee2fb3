using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Mail.Data;
using Platform.Modules.Mail.Domain;

namespace Platform.Modules.Mail.Integrations;

/// <summary>The organisation admin's mailbox integrations: create, read, change, delete, test, and what was read.</summary>
internal static class IntegrationEndpoints
{
    private const int MaxIntegrations = 200;

    public static void Map(RouteGroupBuilder mail)
    {
        var integrations = mail.MapGroup("/integrations");
        integrations.MapPost("/", CreateAsync);
        integrations.MapGet("/", ListAsync);
        integrations.MapGet("/{id:guid}", GetAsync);
        integrations.MapPut("/{id:guid}", UpdateAsync);
        integrations.MapDelete("/{id:guid}", DeleteAsync);
        integrations.MapPost("/{id:guid}/test", TestStoredAsync);
        integrations.MapPost("/test", TestNewAsync);
        integrations.MapGet("/{id:guid}/messages", MessagesAsync);
    }

    private static async Task<Results<Created<IntegrationResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        IntegrationRequest request, CurrentUser me, MailDbContext db, IntegrationValidator validator, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var integration = new MailIntegration { Id = Guid.CreateVersion7(now), OrganizationId = me.OrganizationId, CreatedAt = now, UpdatedAt = now };
        var errors = await validator.ApplyAsync(me.OrganizationId, request, integration, creating: true, ct);
        if (errors.Any)
            return errors.ToProblem();
        if (await db.Integrations.CountAsync(i => i.OrganizationId == me.OrganizationId, ct) >= MaxIntegrations)
            return Problems.Conflict($"An organisation has at most {MaxIntegrations} mailbox integrations.");
        if (await db.Integrations.AnyAsync(i => i.OrganizationId == me.OrganizationId && i.Name == integration.Name, ct))
            return Problems.Conflict($"A mailbox integration named \"{integration.Name}\" exists already.");
        db.Integrations.Add(integration);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/mail/integrations/{integration.Id}", IntegrationResponse.From(integration));
    }

    private static async Task<Ok<List<IntegrationResponse>>> ListAsync(CurrentUser me, MailDbContext db, CancellationToken ct)
    {
        var integrations = await db.Integrations.AsNoTracking().Where(i => i.OrganizationId == me.OrganizationId)
            .OrderBy(i => i.Name).Take(MaxIntegrations).ToListAsync(ct);
        return TypedResults.Ok(integrations.Select(IntegrationResponse.From).ToList());
    }

    private static async Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> GetAsync(Guid id, CurrentUser me, MailDbContext db, CancellationToken ct) =>
        await FindAsync(db, me, id, ct) is { } integration
            ? TypedResults.Ok(IntegrationResponse.From(integration))
            : Problems.NotFound("The mailbox integration");

    private static async Task<Results<Ok<IntegrationResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, IntegrationRequest request, CurrentUser me, MailDbContext db, IntegrationValidator validator, TimeProvider time, CancellationToken ct)
    {
        if (await FindAsync(db, me, id, ct, tracked: true) is not { } integration)
            return Problems.NotFound("The mailbox integration");
        var errors = await validator.ApplyAsync(me.OrganizationId, request, integration, creating: false, ct);
        if (errors.Any)
            return errors.ToProblem();
        if (await db.Integrations.AnyAsync(i => i.OrganizationId == me.OrganizationId && i.Name == integration.Name && i.Id != id, ct))
            return Problems.Conflict($"A mailbox integration named \"{integration.Name}\" exists already.");
        integration.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(IntegrationResponse.From(integration));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, CurrentUser me, MailDbContext db, CancellationToken ct)
    {
        // The reader holding it stops at its next check (the row is gone) or at its next record (the lease is gone).
        var deleted = await db.Integrations.Where(i => i.Id == id && i.OrganizationId == me.OrganizationId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
            return Problems.NotFound("The mailbox integration");
        await db.InboundMessages.Where(m => m.IntegrationId == id && m.OrganizationId == me.OrganizationId).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ConnectionTestResponse>, ProblemHttpResult>> TestStoredAsync(
        Guid id, CurrentUser me, MailDbContext db, ConnectionTester tester, CancellationToken ct)
    {
        if (await FindAsync(db, me, id, ct) is not { } integration)
            return Problems.NotFound("The mailbox integration");
        return TypedResults.Ok(await tester.TestAsync(integration.Imap, integration.Folder, integration.Smtp, ct));
    }

    /// <summary>Tests the accounts of an integration before it is saved (the form's "Test connection").</summary>
    private static async Task<Results<Ok<ConnectionTestResponse>, ValidationProblem>> TestNewAsync(
        IntegrationRequest request, CurrentUser me, IntegrationValidator validator, ConnectionTester tester, CancellationToken ct)
    {
        var draft = new MailIntegration { OrganizationId = me.OrganizationId };
        var errors = await validator.ApplyAsync(me.OrganizationId, request, draft, creating: true, ct);
        if (errors.Any)
            return errors.ToProblem();
        return TypedResults.Ok(await tester.TestAsync(draft.Imap, draft.Folder, draft.Smtp, ct));
    }

    /// <summary>What the reader did with each message, newest first; <c>status</c> filters (e.g. failed, refused).</summary>
    private static async Task<Results<Ok<InboundMessageListResponse>, ValidationProblem, ProblemHttpResult>> MessagesAsync(
        Guid id, CurrentUser me, MailDbContext db, CancellationToken ct, string? status = null, int? limit = null, string? after = null)
    {
        if (!PageRequest.TryParse(limit, after, 50, 200, out var page, out var invalid))
            return invalid!;
        if (status is not null && status.Length > 16)
            return Problems.Invalid("status", "is not a message status.");
        if (!await db.Integrations.AnyAsync(i => i.Id == id && i.OrganizationId == me.OrganizationId, ct))
            return Problems.NotFound("The mailbox integration");
        var query = db.InboundMessages.AsNoTracking().Where(m => m.IntegrationId == id && m.OrganizationId == me.OrganizationId);
        if (status is not null)
            query = query.Where(m => m.Status == status);
        if (page.After is { } cursor)
            query = query.Where(m => m.ReceivedAt < cursor.Timestamp || (m.ReceivedAt == cursor.Timestamp && m.Id.CompareTo(cursor.Id) < 0));
        var rows = await query.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Take(page.Limit + 1).ToListAsync(ct);
        var (items, next) = page.Slice(rows, m => new Cursor(m.ReceivedAt, m.Id));
        return TypedResults.Ok(new InboundMessageListResponse(items.Select(InboundMessageResponse.From).ToList(), next));
    }

    private static Task<MailIntegration?> FindAsync(MailDbContext db, CurrentUser me, Guid id, CancellationToken ct, bool tracked = false)
    {
        var query = tracked ? db.Integrations : db.Integrations.AsNoTracking();
        return query.SingleOrDefaultAsync(i => i.Id == id && i.OrganizationId == me.OrganizationId, ct);
    }
}
