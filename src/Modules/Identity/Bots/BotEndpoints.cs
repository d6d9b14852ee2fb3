using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Authentication;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Bots;

internal sealed record NewBotRequest(string? DisplayName);

/// <summary>The only time a key is ever shown.</summary>
internal sealed record IssuedBotKey(Guid Id, string DisplayName, string ApiKey, string KeyHint, DateTimeOffset KeyCreatedAt);

internal sealed record BotListItem(Guid Id, string DisplayName, bool IsBlocked, string? KeyHint, DateTimeOffset? KeyCreatedAt, DateTimeOffset CreatedAt);

internal sealed record BotList(IReadOnlyList<BotListItem> Items);

/// <summary>
/// Bots: technical accounts for integrations. They are members of the organisation (same claims,
/// same permissions as a non-admin person) but have no password and no e-mail; they authenticate
/// with <c>Authorization: Bearer plt_…</c>. A bot has one key at a time: issuing a new one
/// retires the old one at once; revoking leaves it with none until a new one is issued. Blocked,
/// edited and listed like any user (<c>/users/{id}</c>). Deleting a bot is a soft delete: the
/// account stays, blocked and keyless, so that tasks and comments it wrote keep their author's name.
/// </summary>
internal static class BotEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var bots = api.MapGroup("/bots").RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        bots.MapGet("/", ListAsync);
        bots.MapPost("/", CreateAsync);
        bots.MapPost("/{id:guid}/keys", RotateKeyAsync);
        bots.MapDelete("/{id:guid}/keys", RevokeKeyAsync);
        bots.MapDelete("/{id:guid}", DeleteAsync);
    }

    private static async Task<Ok<BotList>> ListAsync(CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        var bots = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == me.OrganizationId && u.IsBot && u.DeletedAt == null)
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.IsBlocked, u.CreatedAt,
                Key = db.BotKeys.Where(k => k.UserId == u.Id).OrderByDescending(k => k.CreatedAt).Select(k => new { k.Hint, k.CreatedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return TypedResults.Ok(new BotList(bots.Select(b => new BotListItem(b.Id, b.DisplayName, b.IsBlocked, b.Key?.Hint, b.Key?.CreatedAt, b.CreatedAt)).ToList()));
    }

    private static async Task<Results<Created<IssuedBotKey>, ValidationProblem>> CreateAsync(
        NewBotRequest request, CurrentUser me, IdentityDbContext db, TimeProvider time, HttpResponse response, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("displayName", request.DisplayName, PlatformUser.MaxDisplayNameLength);
        if (errors.Any)
            return errors.ToProblem();

        var now = time.GetUtcNowForDatabase();
        var bot = PlatformUser.CreateBot(me.OrganizationId, request.DisplayName!, now);
        db.Users.Add(bot);
        var (key, row) = NewKey(bot, now);
        db.BotKeys.Add(row);
        await db.SaveChangesAsync(ct);
        NoStore(response);
        return TypedResults.Created($"/api/v1/users/{bot.Id}", new IssuedBotKey(bot.Id, bot.DisplayName, key, row.Hint, now));
    }

    private static async Task<Results<Created<IssuedBotKey>, ProblemHttpResult>> RotateKeyAsync(
        Guid id, CurrentUser me, IdentityDbContext db, TimeProvider time, HttpResponse response, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var bot = await FindAsync(id, me, db, ct);
        if (bot is null)
            return Problems.NotFound("The bot");
        await db.BotKeys.Where(k => k.UserId == bot.Id).ExecuteDeleteAsync(ct);
        var now = time.GetUtcNowForDatabase();
        var (key, row) = NewKey(bot, now);
        db.BotKeys.Add(row);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        NoStore(response);
        return TypedResults.Created($"/api/v1/users/{bot.Id}", new IssuedBotKey(bot.Id, bot.DisplayName, key, row.Hint, now));
    }

    /// <summary>
    /// The bot keeps its account (and blocking state) but has no valid key until a new one is
    /// issued. Keys are looked up by hash on every request, so the old one is refused at once on
    /// every node. Idempotent: revoking when there is no key is fine.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(Guid id, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        if (await FindAsync(id, me, db, ct) is null)
            return Problems.NotFound("The bot");
        await db.BotKeys.Where(k => k.UserId == id && k.OrganizationId == me.OrganizationId).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Soft delete: the row is kept (blocked, stamp changed, marked deleted) because tasks and
    /// comments refer to their author by id and must stay readable. Its key and its department and
    /// role memberships go, so it can neither authenticate nor be routed anything; it leaves the bot
    /// list and can never get a key again.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, CurrentUser me, IdentityDbContext db, MemberCheck check, TimeProvider time, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var bot = await FindAsync(id, me, db, ct);
        if (bot is null)
            return Problems.NotFound("The bot");
        await db.BotKeys.Where(k => k.UserId == bot.Id).ExecuteDeleteAsync(ct);
        await db.DepartmentMembers.Where(m => m.UserId == bot.Id && m.OrganizationId == me.OrganizationId).ExecuteDeleteAsync(ct);
        await db.RoleMembers.Where(m => m.UserId == bot.Id && m.OrganizationId == me.OrganizationId).ExecuteDeleteAsync(ct);
        await db.Departments.Where(d => d.HeadUserId == bot.Id && d.OrganizationId == me.OrganizationId)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.HeadUserId, (Guid?)null), ct);

        var now = time.GetUtcNowForDatabase();
        bot.DeletedAt = now;
        if (!bot.IsBlocked)
        {
            bot.IsBlocked = true;
            bot.BlockedAt = now;
        }
        bot.RevokeSessions();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        check.Forget(bot.Id);
        return TypedResults.NoContent();
    }

    /// <summary>A live bot of the caller's organisation; people, deleted bots and other tenants' bots read as not found.</summary>
    private static Task<PlatformUser?> FindAsync(Guid id, CurrentUser me, IdentityDbContext db, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id && u.OrganizationId == me.OrganizationId && u.IsBot && u.DeletedAt == null, ct);

    private static (string Key, BotKey Row) NewKey(PlatformUser bot, DateTimeOffset now)
    {
        var key = ApiKeys.Generate();
        return (key, new BotKey
        {
            Id = Guid.CreateVersion7(),
            UserId = bot.Id,
            OrganizationId = bot.OrganizationId,
            KeyHash = ApiKeys.Hash(key),
            Hint = ApiKeys.HintOf(key),
            CreatedAt = now,
        });
    }

    /// <summary>The key must not be kept by any cache between the server and the admin.</summary>
    private static void NoStore(HttpResponse response) => response.Headers[HeaderNames.CacheControl] = "no-store";
}
