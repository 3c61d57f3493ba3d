using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samspil.Infrastructure.Security;

/// <summary>
/// One issued refresh token. Only a SHA-256 hash of the token's random id is stored; the token itself
/// (data-protected by the bearer handler) carries the id in a claim. Tokens are single-use: redeeming one
/// sets <see cref="UsedAt"/> and issues the next token of the same <see cref="FamilyId"/> (one family per
/// password sign-in). Presenting a used token again ends the whole family (see <see cref="Sessions"/>).
/// </summary>
public sealed class RefreshTokenRecord
{
    private RefreshTokenRecord()
    {
        TokenHash = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>SHA-256 of the token's random id, hex.</summary>
    public string TokenHash { get; private set; }

    public Guid FamilyId { get; private set; }

    public Guid UserId { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static RefreshTokenRecord Issue(string tokenHash, Guid familyId, Guid userId, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(now),
        TokenHash = tokenHash,
        FamilyId = familyId,
        UserId = userId,
        IssuedAt = now,
        ExpiresAt = now + lifetime,
    };
}

internal sealed class RefreshTokenRecordConfiguration : IEntityTypeConfiguration<RefreshTokenRecord>
{
    public void Configure(EntityTypeBuilder<RefreshTokenRecord> builder)
    {
        builder.ToTable("RefreshTokens");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => r.FamilyId);
        builder.HasIndex(r => r.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
