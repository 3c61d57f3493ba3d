using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
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
            .WithSummary("Username and password in, bearer access token out (accessToken, expiresIn, refreshToken). Any failure is the same 401; repeated failures lock the account, and too many per account or client address get 429 with Retry-After.");
        group.MapPost("/auth/refresh", RefreshToken)
            .AllowAnonymous()
            .WithName("RefreshToken")
            .WithSummary("A refresh token from /auth/token in, a new access token out. Fails once the account is locked or its security stamp changed; too many failures from one client address get 429 with Retry-After.");
        group.MapGet("/me", (CurrentUser user) => TypedResults.Ok(new MeResponse(
                user.UserId, user.DisplayName, user.Roles.Order(StringComparer.Ordinal).ToList(), user.ProfessionalId, user.OrganizationId, user.CitizenId)))
            .RequireAuthorization()
            .WithName("GetMe");
        return app;
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshToken(
        RefreshRequest request,
        HttpContext context,
        SignInManager<AppUser> signInManager,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        SignInThrottle throttle,
        TimeProvider time,
        IStringLocalizer<SharedResource> localizer)
    {
        if (throttle.RetryAfter(context, userName: null) is { } wait)
        {
            return TooMany(context, wait, localizer);
        }

        var ticket = string.IsNullOrEmpty(request.RefreshToken)
            ? null
            : bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || time.GetUtcNow() >= expires
            || await signInManager.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || await signInManager.UserManager.IsLockedOutAsync(user))
        {
            throttle.RecordFailure(context, userName: null);
            return TypedResults.Problem(localizer["Auth.RefreshInvalid"], statusCode: StatusCodes.Status401Unauthorized, title: localizer["Auth.Failed.Title"]);
        }

        return TypedResults.SignIn(await signInManager.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueToken(
        TokenRequest request, HttpContext context, PasswordSignIn signIn, IStringLocalizer<SharedResource> localizer)
    {
        var result = await signIn.SignInAsync(context, request.Username, request.Password, IdentityConstants.BearerScheme);
        return result.Outcome switch
        {
            // The bearer token handler has written the token response.
            PasswordSignInOutcome.Succeeded => TypedResults.Empty,
            PasswordSignInOutcome.Throttled => TooMany(context, result.RetryAfter, localizer),

            // Unknown name, wrong password or locked account: one answer.
            _ => TypedResults.Problem(localizer["Auth.Invalid"], statusCode: StatusCodes.Status401Unauthorized, title: localizer["Auth.Failed.Title"]),
        };
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
