using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

/// <summary>
/// A one-time activation code for any account: a staff member's invitation, a citizen's or a proxy's
/// activation letter (issue 14). Whoever holds it chooses a user name and password or links a sign-in
/// provider (see <see cref="ActivateModel"/>). The name is kept for the table and the callers that
/// invite staff. Only the SHA-256 of the code is stored: whoever reads the database cannot use an open one.
/// </summary>
public sealed class StaffInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private StaffInvitation()
    {
        CodeHash = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string CodeHash { get; private set; }

    public Guid CreatedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>Issues an invitation; the plain code is returned once and never stored.</summary>
    public static (StaffInvitation Invitation, string Code) Issue(Guid userId, Guid createdBy, DateTimeOffset now)
    {
        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var invitation = new StaffInvitation
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            CodeHash = HashOf(code),
            CreatedByUserId = createdBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        return (invitation, code);
    }

    public bool IsOpen(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void MarkUsed(DateTimeOffset now) => UsedAt = now;

    /// <summary>A newer invitation replaces this one.</summary>
    public void Revoke(DateTimeOffset now) => ExpiresAt = ExpiresAt < now ? ExpiresAt : now;

    public static string HashOf(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}

internal sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> builder)
    {
        builder.ToTable("StaffInvitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.CodeHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(i => i.CodeHash).IsUnique();
        builder.HasIndex(i => i.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed record InvitationResponse(Guid InvitationId, Guid UserId, string Code, string ActivationUrl, DateTimeOffset ExpiresAt);

public static class AccountInvitationEndpoints
{
    public static IEndpointRouteBuilder MapAccountInvitationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/accounts").WithTags("Accounts")
            .RequireAuthorization(SamspilPolicies.Administrator)
            .MapPost("/{userId:guid}/invitations", CreateInvitation)
            .WithName("CreateAccountInvitation")
            .WithSummary("An administrator invites a staff account of their own organisation to sign in through an identity provider. "
                + "The answer holds a one-time code and the activation link (valid 7 days); a new invitation replaces older open ones. "
                + "Accounts of other organisations answer 404.");
        return app;
    }

    private static async Task<Results<Created<InvitationResponse>, NotFound, ProblemHttpResult>> CreateInvitation(
        Guid userId,
        CurrentUser admin,
        SamspilDbContext db,
        TimeProvider time,
        IOptions<WebSecurityOptions> web,
        IStringLocalizer<SharedResource> localizer,
        ILogger<StaffInvitation> logger,
        CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);

        // Administrators act within their own organisation; anyone else's account does not exist for them.
        if (user is null || admin.OrganizationId is null || user.OrganizationId != admin.OrganizationId)
        {
            return TypedResults.NotFound();
        }

        if (user.CitizenId is not null)
        {
            return TypedResults.Problem(localizer["Invitation.NotStaff"], statusCode: StatusCodes.Status400BadRequest, title: localizer["Invitation.Failed.Title"]);
        }

        var now = time.GetUtcNow();
        foreach (var older in await db.StaffInvitations.Where(i => i.UserId == userId && i.UsedAt == null).ToListAsync(ct))
        {
            older.Revoke(now);
        }

        var (invitation, code) = StaffInvitation.Issue(userId, admin.UserId, now);
        db.Add(invitation);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Invitation {InvitationId} issued for account {UserId} by {AdminId}", invitation.Id, userId, admin.UserId);

        var link = web.Value.LinkTo("/Account/Activate?code=" + Uri.EscapeDataString(code));
        return TypedResults.Created(
            $"/api/v1/accounts/{userId}/invitations/{invitation.Id}",
            new InvitationResponse(invitation.Id, userId, code, link, invitation.ExpiresAt));
    }
}
