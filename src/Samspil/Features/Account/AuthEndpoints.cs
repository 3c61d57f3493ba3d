using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Domain.Common;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record MeResponse(Guid UserId, string DisplayName, IReadOnlyList<string> Roles, Guid? ProfessionalId, Guid? OrganizationId, Guid? CitizenId);

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Authentication");
        group.MapPost("/auth/token", IssueToken)
            .AllowAnonymous()
            .WithName("IssueToken")
            .WithSummary("Username and password in, bearer access token out (accessToken, expiresIn, refreshToken). Repeated failures lock the account.");
        group.MapPost("/auth/refresh", RefreshToken)
            .AllowAnonymous()
            .WithName("RefreshToken")
            .WithSummary("A refresh token from /auth/token in, a new access token out. Fails once the account is locked or its security stamp changed.");
        group.MapGet("/me", (CurrentUser user) => TypedResults.Ok(new MeResponse(
                user.UserId, user.DisplayName, user.Roles.Order(StringComparer.Ordinal).ToList(), user.ProfessionalId, user.OrganizationId, user.CitizenId)))
            .RequireAuthorization()
            .WithName("GetMe");
        return app;
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshToken(
        RefreshRequest request,
        SignInManager<AppUser> signInManager,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider time,
        IStringLocalizer<SharedResource> localizer)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken)
            ? null
            : bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || time.GetUtcNow() >= expires
            || await signInManager.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || await signInManager.UserManager.IsLockedOutAsync(user))
        {
            return TypedResults.Problem(localizer["Auth.RefreshInvalid"], statusCode: StatusCodes.Status401Unauthorized, title: localizer["Auth.Failed.Title"]);
        }

        return TypedResults.SignIn(await signInManager.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueToken(
        TokenRequest request, SignInManager<AppUser> signInManager, IStringLocalizer<SharedResource> localizer)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password) || Guard.HasControlCharacters(request.Username))
        {
            return TypedResults.Problem(localizer["Auth.Invalid"], statusCode: StatusCodes.Status401Unauthorized, title: localizer["Auth.Failed.Title"]);
        }

        signInManager.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signInManager.PasswordSignInAsync(request.Username.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // The bearer token handler has written the token response.
            return TypedResults.Empty;
        }

        var detail = result.IsLockedOut ? localizer["Auth.LockedOut"] : localizer["Auth.Invalid"];
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: localizer["Auth.Failed.Title"]);
    }
}
