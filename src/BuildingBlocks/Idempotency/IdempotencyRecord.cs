using Microsoft.EntityFrameworkCore;

namespace Platform.BuildingBlocks.Idempotency;

/// <summary>
/// The stored outcome of a request that carried an <c>Idempotency-Key</c>. It is written in the
/// same transaction as the change the request made, so "the change happened" and "the key is
/// taken" are one fact: a repeated request can only replay, never redo.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 200;

    public Guid UserId { get; set; }
    public string Key { get; set; } = null!;
    /// <summary>Method and path: the same key on a different endpoint is a client bug, not a replay.</summary>
    public string Request { get; set; } = null!;
    public int StatusCode { get; set; }
    public string? Location { get; set; }
    public string? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class IdempotencyModelBuilderExtensions
{
    public static ModelBuilder AddIdempotencyKeys(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotencyRecord>(b =>
        {
            b.ToTable("idempotency_keys");
            b.HasKey(r => new { r.UserId, r.Key });
            b.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
            b.Property(r => r.Request).HasMaxLength(300);
            b.Property(r => r.Location).HasMaxLength(500);
            b.Property(r => r.Body).HasColumnType("jsonb");
            b.HasIndex(r => r.CreatedAt);
        });
        return modelBuilder;
    }
}
