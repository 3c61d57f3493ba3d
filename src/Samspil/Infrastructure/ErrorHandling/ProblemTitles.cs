using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;

namespace Samspil.Infrastructure.ErrorHandling;

/// <summary>
/// Problem details the framework writes itself (401 and 403 from authorization, 404 and 405 from routing,
/// 415, 429 from status-code pages, a framework validation problem) carry fixed English titles. This replaces
/// such a title with the caller's language; a title a handler chose is left alone.
/// </summary>
internal static class ProblemTitles
{
    /// <summary>The English title ASP.NET Core gives a 500 problem (its other defaults are the HTTP reason phrases).</summary>
    private const string FrameworkServerErrorTitle = "An error occurred while processing your request.";

    /// <summary>The title of <see cref="HttpValidationProblemDetails"/> when no one set another.</summary>
    private const string FrameworkValidationTitle = "One or more validation errors occurred.";

    public static void Localize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Title is { } title
            && !string.Equals(title, ReasonPhrases.GetReasonPhrase(status), StringComparison.Ordinal)
            && !string.Equals(title, FrameworkServerErrorTitle, StringComparison.Ordinal)
            && !string.Equals(title, FrameworkValidationTitle, StringComparison.Ordinal))
        {
            return;
        }

        var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (TitleOf(status, localizer) is { } localized)
        {
            problem.Title = localized.Value;
        }
    }

    private static LocalizedString? TitleOf(int status, IStringLocalizer localizer) => status switch
    {
        StatusCodes.Status400BadRequest => localizer["Problem.BadRequest.Title"],
        StatusCodes.Status401Unauthorized => localizer["Problem.Unauthorized.Title"],
        StatusCodes.Status403Forbidden => localizer["Problem.Forbidden.Title"],
        StatusCodes.Status404NotFound => localizer["Problem.NotFound.Title"],
        StatusCodes.Status405MethodNotAllowed => localizer["Problem.MethodNotAllowed.Title"],
        StatusCodes.Status406NotAcceptable => localizer["Problem.NotAcceptable.Title"],
        StatusCodes.Status408RequestTimeout => localizer["Problem.Timeout.Title"],
        StatusCodes.Status409Conflict => localizer["Problem.Conflict.Title"],
        StatusCodes.Status412PreconditionFailed => localizer["Problem.PreconditionFailed.Title"],
        StatusCodes.Status413PayloadTooLarge => localizer["Problem.TooLarge.Title"],
        StatusCodes.Status415UnsupportedMediaType => localizer["Problem.UnsupportedMediaType.Title"],
        StatusCodes.Status422UnprocessableEntity => localizer["Problem.Unprocessable.Title"],
        StatusCodes.Status428PreconditionRequired => localizer["Problem.Precondition.Title"],
        StatusCodes.Status429TooManyRequests => localizer["Problem.TooManyRequests.Title"],
        >= 500 => localizer["Problem.Unexpected.Title"],
        _ => null,
    };
}
