using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

public sealed record TokenRequest(string? Username, string? Password);

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
        group.MapGet("/me", (CurrentUser user) => TypedResults.Ok(new MeResponse(
                user.UserId, user.DisplayName, user.Roles.Order(StringComparer.Ordinal).ToList(), user.ProfessionalId, user.OrganizationId, user.CitizenId)))
            .RequireAuthorization()
            .WithName("GetMe");
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueToken(
        TokenRequest request, SignInManager<AppUser> signInManager, IStringLocalizer<SharedResource> localizer)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
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
