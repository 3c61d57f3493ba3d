using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samspil.Infrastructure.Idempotency;

/// <summary>
/// The stored answer to a POST sent with an Idempotency-Key, per user, key and route. It is saved in the same
/// transaction as what the request did, so a retry after a crash finds either both or neither.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 200;

    private IdempotencyRecord()
    {
        UserId = string.Empty;
        Key = string.Empty;
        Route = string.Empty;
        RequestHash = string.Empty;
        Body = [];
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    public string Key { get; private set; }

    /// <summary>Method and path, e.g. "POST /api/v1/courses/…/conversations".</summary>
    public string Route { get; private set; }

    /// <summary>SHA-256 of the request's content type (without a multipart boundary) and body, hex.</summary>
    public string RequestHash { get; private set; }

    public int StatusCode { get; private set; }

    public string? Location { get; private set; }

    public string? ContentType { get; private set; }

    public string? ETag { get; private set; }

    public byte[] Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public static IdempotencyRecord Create(string userId, string key, string route, string requestHash, int statusCode, string? location, string? contentType, string? etag, byte[] body, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        Key = key,
        Route = route,
        RequestHash = requestHash,
        StatusCode = statusCode,
        Location = location,
        ContentType = contentType,
        ETag = etag,
        Body = body,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotentRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.UserId).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength).IsRequired();
        builder.Property(r => r.Route).HasMaxLength(500).IsRequired();
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Location).HasMaxLength(500);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.ETag).HasMaxLength(100);
        builder.Property(r => r.Body).IsRequired();

        // One answer per user, key and route; a second insert (a concurrent duplicate) fails and replays the first.
        builder.HasIndex(r => new { r.UserId, r.Key, r.Route }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
    }
}
