using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
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
/// retires the old one at once. Blocked, edited and listed like any user (<c>/users/{id}</c>).
/// </summary>
internal static class BotEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var bots = api.MapGroup("/bots").RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        bots.MapGet("/", ListAsync);
        bots.MapPost("/", CreateAsync);
        bots.MapPost("/{id:guid}/keys", RotateKeyAsync);
    }

    private static async Task<Ok<BotList>> ListAsync(CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        var bots = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == me.OrganizationId && u.IsBot)
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
        var bot = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.OrganizationId == me.OrganizationId && u.IsBot, ct);
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
