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
    public static bool TryReadIfMatchToken(HttpContext http, string requiredKey, string invalidKey, out string? expected, out ProblemHttpResult? problem) =>
        TryRead<string>(http, requiredKey, invalidKey, ParseToken, out expected, out problem);

    /// <summary>
    /// Reads If-Match into <paramref name="expected"/> (null for "*"). Without one the answer is 428 with
    /// <paramref name="requiredKey"/>'s text, a malformed one 400 with <paramref name="invalidKey"/>'s.
    /// </summary>
    public static bool TryReadIfMatch(HttpContext http, string requiredKey, string invalidKey, out int? expected, out ProblemHttpResult? problem)
    {
        var read = TryRead<Number>(http, requiredKey, invalidKey, ParseNumber, out var boxed, out problem);
        expected = boxed?.Value;
        return read;
    }

    private delegate bool Parser<T>(string ifMatch, out T? value)
        where T : class;

    private sealed record Number(int Value);

    private static bool ParseNumber(string ifMatch, out Number? value)
    {
        var ok = int.TryParse(ifMatch.Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version);
        value = ok ? new Number(version) : null;
        return ok;
    }

    private static bool ParseToken(string ifMatch, out string? value)
    {
        var token = ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch[2..] : ifMatch;
        var ok = token.Length is > 2 and <= 100 && token[0] == '"' && token[^1] == '"' && token[1..^1].All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
        value = ok ? token[1..^1] : null;
        return ok;
    }

    private static bool TryRead<T>(HttpContext http, string requiredKey, string invalidKey, Parser<T> parse, out T? expected, out ProblemHttpResult? problem)
        where T : class
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

        if (ifMatch == "*" || parse(ifMatch, out expected))
        {
            return true;
        }

        problem = TypedResults.Problem(localizer[invalidKey], statusCode: StatusCodes.Status400BadRequest, title: localizer["Problem.Validation.Title"]);
        return false;
    }
}
