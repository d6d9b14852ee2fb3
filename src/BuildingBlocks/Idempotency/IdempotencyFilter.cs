using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;

namespace Platform.BuildingBlocks.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on a creating POST, exactly once per (user, key):
/// the handler runs inside a transaction on the module's DbContext, and the key with the
/// response is inserted in that same transaction. A duplicate — a retry by the gateway after a
/// node died, or a client resending — either finds the stored response and replays it, or (if it
/// raced the first) hits the key's primary key, rolls its own work back, and replays the winner's.
/// Only successful responses are stored; a failed request can be retried with the same key.
/// </summary>
public sealed class IdempotencyFilter<TContext> : IEndpointFilter where TContext : DbContext
{
    public const string HeaderName = IdempotencyKeys.HeaderName;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // Reads are idempotent by nature; only creating POSTs need the key's protection.
        if (!HttpMethods.IsPost(http.Request.Method))
            return await next(context);
        var key = IdempotencyKeys.Read(http.Request, out var invalid);
        if (invalid is not null)
            return invalid;
        if (key is null)
            return await next(context);

        var user = CurrentUser.From(http.User);
        var requestName = IdempotencyKeys.RequestName(http.Request);
        var db = http.RequestServices.GetRequiredService<TContext>();
        var records = db.Set<IdempotencyRecord>();

        if (await records.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == user.UserId && r.Key == key, http.RequestAborted) is { } stored)
            return IdempotencyKeys.Replay(http, stored);

        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        var result = await next(context);
        var inner = result;
        while (inner is INestedHttpResult nested)
            inner = nested.Result;
        if (inner is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
        {
            // Not remembered, so the client may retry with the same key. Whatever the handler
            // saved stands, exactly as without a key.
            await transaction.CommitAsync(http.RequestAborted);
            return result;
        }

        var jsonOptions = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        records.Add(new IdempotencyRecord
        {
            UserId = user.UserId,
            Key = key,
            Request = requestName,
            StatusCode = success.StatusCode!.Value,
            // Created<T>/CreatedAtRoute<T> carry it; reflection keeps the filter independent of T.
            Location = inner.GetType().GetProperty("Location")?.GetValue(inner) as string,
            Body = inner is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), jsonOptions) : null,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
            await transaction.CommitAsync(http.RequestAborted);
            return result;
        }
        catch (DbUpdateException ex) when (IdempotencyKeys.IsTakenByConcurrentDuplicate(ex))
        {
            // A concurrent duplicate committed first: undo ours, answer with theirs.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var winner = await records.AsNoTracking().FirstAsync(r => r.UserId == user.UserId && r.Key == key, CancellationToken.None);
            return IdempotencyKeys.Replay(http, winner);
        }
    }
}
