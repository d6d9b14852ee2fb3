using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
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
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[HeaderName].ToString();
        // Reads are idempotent by nature; only creating POSTs need the key's protection.
        if (string.IsNullOrEmpty(key) || !HttpMethods.IsPost(http.Request.Method))
            return await next(context);
        if (key.Length > IdempotencyRecord.MaxKeyLength)
            return Problems.Invalid(HeaderName, $"must be at most {IdempotencyRecord.MaxKeyLength} characters.");

        var user = CurrentUser.From(http.User);
        var requestName = $"{http.Request.Method} {http.Request.Path}";
        var db = http.RequestServices.GetRequiredService<TContext>();
        var records = db.Set<IdempotencyRecord>();

        if (await records.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == user.UserId && r.Key == key, http.RequestAborted) is { } stored)
            return Replay(http, stored, requestName);

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
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent duplicate committed first: undo ours, answer with theirs.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var winner = await records.AsNoTracking().FirstAsync(r => r.UserId == user.UserId && r.Key == key, CancellationToken.None);
            return Replay(http, winner, requestName);
        }
    }

    private static IResult Replay(HttpContext http, IdempotencyRecord stored, string requestName)
    {
        if (stored.Request != requestName)
            return Problems.Conflict($"This Idempotency-Key was already used for {stored.Request}; use a new key for a different request.");
        http.Response.Headers[ReplayedHeader] = "true";
        if (stored.Location is not null)
            http.Response.Headers.Location = stored.Location;
        return stored.Body is null
            ? TypedResults.StatusCode(stored.StatusCode)
            : TypedResults.Text(stored.Body, "application/json", statusCode: stored.StatusCode);
    }
}
