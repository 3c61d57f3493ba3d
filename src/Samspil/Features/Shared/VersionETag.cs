using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Shared;

/// <summary>
/// A version number as the ETag of what the API returns, and the If-Match a change sends back: the version
/// in quotes (weak or strong), or "*" for whatever is current. Used by the plan and master-data changes.
/// </summary>
public static class VersionETag
{
    public static void Set(HttpContext http, int version) =>
        http.Response.Headers.ETag = "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>An opaque version (e.g. an account's concurrency stamp) as the ETag.</summary>
    public static void Set(HttpContext http, string version) =>
        http.Response.Headers.ETag = "\"" + version + "\"";

    /// <summary>As <see cref="TryReadIfMatch"/>, for an opaque version: the quoted token (weak or strong), or null for "*".</summary>
    public static bool TryReadIfMatchToken(HttpContext http, string requiredKey, string invalidKey, out string? expected, out ProblemHttpResult? problem)
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
        expected = null;
        problem = null;
        if (ifMatch.Length == 0)
        {
            problem = TypedResults.Problem(localizer[requiredKey], statusCode: StatusCodes.Status428PreconditionRequired, title: localizer["Problem.Precondition.Title"]);
            return false;
        }

        if (ifMatch == "*")
        {
            return true;
        }

        var token = ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch[2..] : ifMatch;
        if (token.Length is > 2 and <= 100 && token[0] == '"' && token[^1] == '"' && token[1..^1].All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            expected = token[1..^1];
            return true;
        }

        problem = TypedResults.Problem(localizer[invalidKey], statusCode: StatusCodes.Status400BadRequest, title: localizer["Problem.Validation.Title"]);
        return false;
    }

    /// <summary>
    /// Reads If-Match into <paramref name="expected"/> (null for "*"). Without one the answer is 428 with
    /// <paramref name="requiredKey"/>'s text, a malformed one 400 with <paramref name="invalidKey"/>'s.
    /// </summary>
    public static bool TryReadIfMatch(HttpContext http, string requiredKey, string invalidKey, out int? expected, out ProblemHttpResult? problem)
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
        expected = null;
        problem = null;
        if (ifMatch.Length == 0)
        {
            problem = TypedResults.Problem(localizer[requiredKey], statusCode: StatusCodes.Status428PreconditionRequired, title: localizer["Problem.Precondition.Title"]);
            return false;
        }

        if (ifMatch == "*")
        {
            return true;
        }

        if (int.TryParse(ifMatch.Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }

        problem = TypedResults.Problem(localizer[invalidKey], statusCode: StatusCodes.Status400BadRequest, title: localizer["Problem.Validation.Title"]);
        return false;
    }
}
