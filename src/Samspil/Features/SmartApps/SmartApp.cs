using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.SmartApps;

/// <summary>
/// A registered SMART on FHIR app (docs/fhir-api.md, "Connecting an app"): a public OAuth client (no secret; PKCE
/// proves the code's redeemer) with the redirect addresses and the scopes an administrator allowed it.
/// </summary>
public sealed class SmartApp
{
    private SmartApp()
    {
        ClientId = string.Empty;
        Name = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The OAuth client_id.</summary>
    public string ClientId { get; private set; }

    /// <summary>The name the citizen sees on the consent screen and in "Mine apps".</summary>
    public string Name { get; private set; }

    public List<string> RedirectUris { get; private set; } = [];

    /// <summary>The scopes the app may ask for; a request for more is refused (invalid_scope).</summary>
    public List<string> AllowedScopes { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set when an administrator removes the app: it can no longer be authorized, and its tokens stop working.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }

    public static SmartApp Register(string clientId, string name, IEnumerable<string> redirectUris, IEnumerable<string> scopes, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ClientId = clientId,
        Name = name,
        RedirectUris = [.. redirectUris],
        AllowedScopes = [.. scopes],
        CreatedAt = now,
    };

    public void Disable(DateTimeOffset now) => DisabledAt ??= now;
}

/// <summary>
/// A user's connection of an app ("Mine apps"): the scopes they allowed, when, and whether they revoked it. Every access
/// token the app gets names its grant; a revoked grant ends those tokens on their next request. The pending
/// authorization code (stored hashed, single use, one minute) lives on the grant too.
/// </summary>
public sealed class SmartAppGrant
{
    private SmartAppGrant()
    {
        Scopes = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid AppId { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The granted scopes, space-separated.</summary>
    public string Scopes { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastTokenAt { get; private set; }

    /// <summary>SHA-256 (hex) of the pending authorization code, null once redeemed.</summary>
    public string? CodeHash { get; private set; }

    public string? CodeChallenge { get; private set; }

    public string? CodeRedirectUri { get; private set; }

    public DateTimeOffset? CodeExpiresAt { get; private set; }

    public static SmartAppGrant Create(Guid appId, Guid userId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        AppId = appId,
        UserId = userId,
        GrantedAt = now,
    };

    public void Allow(string scopes, string codeHash, string codeChallenge, string redirectUri, DateTimeOffset now, TimeSpan codeLifetime)
    {
        Scopes = scopes;
        GrantedAt = now;
        CodeHash = codeHash;
        CodeChallenge = codeChallenge;
        CodeRedirectUri = redirectUri;
        CodeExpiresAt = now + codeLifetime;
    }

    public void Redeemed(DateTimeOffset now)
    {
        CodeHash = null;
        CodeChallenge = null;
        CodeRedirectUri = null;
        CodeExpiresAt = null;
        LastTokenAt = now;
    }

    public void Revoke(DateTimeOffset now)
    {
        RevokedAt ??= now;
        CodeHash = null;
    }
}

internal sealed class SmartAppConfiguration : IEntityTypeConfiguration<SmartApp>
{
    public void Configure(EntityTypeBuilder<SmartApp> builder)
    {
        builder.ToTable("SmartApps");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ClientId).HasMaxLength(SmartAppRules.MaxClientIdLength).IsRequired();
        builder.HasIndex(a => a.ClientId).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(SmartAppRules.MaxNameLength).IsRequired();
    }
}

internal sealed class SmartAppGrantConfiguration : IEntityTypeConfiguration<SmartAppGrant>
{
    public void Configure(EntityTypeBuilder<SmartAppGrant> builder)
    {
        builder.ToTable("SmartAppGrants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Scopes).HasMaxLength(2000).IsRequired();
        builder.Property(g => g.CodeHash).HasMaxLength(64);
        builder.Property(g => g.CodeChallenge).HasMaxLength(128);
        builder.Property(g => g.CodeRedirectUri).HasMaxLength(SmartAppRules.MaxRedirectUriLength);
        builder.HasIndex(g => g.CodeHash);
        builder.HasIndex(g => new { g.UserId, g.AppId });
        builder.HasOne<SmartApp>().WithMany().HasForeignKey(g => g.AppId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
