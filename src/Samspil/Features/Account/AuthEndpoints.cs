using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

/// <param name="TwoFactorCode">The 6-digit code from the authenticator app, for an account with two-factor sign-in.</param>
/// <param name="TwoFactorRecoveryCode">Instead of <paramref name="TwoFactorCode"/>: one of the account's recovery codes (each works once).</param>
public sealed record TokenRequest(string? Username, string? Password, string? TwoFactorCode = null, string? TwoFactorRecoveryCode = null);

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
            .WithSummary("Username and password in, bearer access token out (accessToken, expiresIn, refreshToken). Any failure is the same 401; repeated failures lock the account, and too many per account or client address get 429 with Retry-After. An account with two-factor sign-in also sends twoFactorCode (or twoFactorRecoveryCode): without it 401 with twoFactorRequired, a wrong code 401 (counts towards lockout), a code that cannot be one 400. A staff account that must use two-factor sign-in but has not set it up gets 403 until it does so in the browser.");
        group.MapPost("/auth/refresh", RefreshToken)
            .AllowAnonymous()
            .WithName("RefreshToken")
            .WithSummary("A refresh token from /auth/token in, a new access token and a new refresh token out. Each refresh token works once: a second use is 401 and ends the whole chain of tokens from that sign-in, and every session of the account. Fails once the account is locked or signed out; too many failures from one client address get 429 with Retry-After.");
        group.MapPost("/auth/logout", Logout)
            .RequireAuthorization()
            .WithName("Logout")
            .WithSummary("Ends every session of the caller's account: its bearer and refresh tokens and its sign-in cookies stop working on their next request. 204 No Content.");
        group.MapGet("/me", (CurrentUser user) => TypedResults.Ok(new MeResponse(
                user.UserId, user.DisplayName, user.Roles.Order(StringComparer.Ordinal).ToList(), user.ProfessionalId, user.OrganizationId, user.CitizenId)))
            .RequireAuthorization()
            .WithName("GetMe");
        return app;
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshToken(
        RefreshRequest request,
        HttpContext context,
        Sessions sessions,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        SignInThrottle throttle,
        TimeProvider time,
        IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        if (throttle.RetryAfter(context, userName: null) is { } wait)
        {
            return TooMany(context, wait, localizer);
        }

        var ticket = string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > MaxRefreshTokenLength
            ? null
            : bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || time.GetUtcNow() >= expires
            || await sessions.RedeemAsync(ticket.Principal, cancellationToken) is not (RefreshOutcome.Redeemed, var family)
            || await sessions.CurrentUserAsync(ticket.Principal) is not { } user)
        {
            throttle.RecordFailure(context, userName: null);
            return TypedResults.Problem(localizer["Auth.RefreshInvalid"], statusCode: StatusCodes.Status401Unauthorized, title: localizer["Auth.Failed.Title"]);
        }

        return TypedResults.SignIn(await sessions.CreateBearerPrincipalAsync(user, family, cancellationToken), authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>Far above a real token's length (about 1 kB); longer input is not worth decrypting.</summary>
    private const int MaxRefreshTokenLength = 8_192;

    private static async Task<NoContent> Logout(HttpContext context, UserManager<AppUser> users, Sessions sessions, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(context.User) is { } user)
        {
            await sessions.EndAllAsync(user, cancellationToken);
        }

        // A cookie caller also loses the cookie itself; for a bearer caller this only clears a cookie it does not have.
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);

        return TypedResults.NoContent();
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> IssueToken(
        TokenRequest request,
        HttpContext context,
        PasswordSignIn signIn,
        TwoFactor twoFactor,
        SignInThrottle throttle,
        Sessions sessions,
        IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var result = await signIn.CheckAsync(context, request.Username, request.Password);
        if (result.Outcome == PasswordSignInOutcome.Throttled)
        {
            return TooMany(context, result.RetryAfter, localizer);
        }

        if (result.Outcome != PasswordSignInOutcome.Succeeded || result.User is not { } user)
        {
            // Unknown name, wrong password or locked account: one answer.
            return TypedResults.Problem(localizer["Auth.Invalid"], statusCode: StatusCodes.Status401Unauthorized, title: localizer["Auth.Failed.Title"]);
        }

        switch (await twoFactor.StepAfterPasswordAsync(user))
        {
            case TwoFactorStep.Enrolment:
                return TypedResults.Problem(
                    localizer["Auth.TwoFactor.EnrolmentRequired"],
                    statusCode: StatusCodes.Status403Forbidden,
                    title: localizer["Auth.TwoFactor.EnrolmentRequired.Title"],
                    extensions: new Dictionary<string, object?> { ["twoFactorEnrolmentRequired"] = true });
            case TwoFactorStep.Code:
                switch (await twoFactor.CheckAsync(user, request.TwoFactorCode, request.TwoFactorRecoveryCode))
                {
                    case TwoFactorCodeCheck.Missing:
                        return TypedResults.Problem(
                            localizer["Auth.TwoFactor.Required"],
                            statusCode: StatusCodes.Status401Unauthorized,
                            title: localizer["Auth.TwoFactor.Required.Title"],
                            extensions: new Dictionary<string, object?> { ["twoFactorRequired"] = true });
                    case TwoFactorCodeCheck.Malformed:
                        return TypedResults.Problem(localizer["Auth.TwoFactor.Malformed"], statusCode: StatusCodes.Status400BadRequest, title: localizer["Auth.TwoFactor.Wrong.Title"]);
                    case TwoFactorCodeCheck.Wrong:
                        throttle.RecordFailure(context, request.Username);
                        return TypedResults.Problem(localizer["Auth.TwoFactor.Wrong"], statusCode: StatusCodes.Status401Unauthorized, title: localizer["Auth.TwoFactor.Wrong.Title"]);
                }

                break;
        }

        // The bearer token handler writes the token response; the refresh token starts a new family
        // (refreshing needs no code: the family began with one).
        return TypedResults.SignIn(await sessions.CreateBearerPrincipalAsync(user, familyId: null, cancellationToken), authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static ProblemHttpResult TooMany(HttpContext context, TimeSpan wait, IStringLocalizer<SharedResource> localizer)
    {
        SignInThrottle.SetRetryAfter(context.Response, wait);
        return TypedResults.Problem(
            string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Auth.TooMany"], Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))),
            statusCode: StatusCodes.Status429TooManyRequests,
            title: localizer["Auth.TooMany.Title"]);
    }
}
