using System.Globalization;
using Microsoft.Extensions.Localization;
using Samspil.Features.Access;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Home;

/// <summary>
/// Whom a signed-in proxy acts for, for the banner on every page ("Du handler for Louise (fuldmagt)")
/// and for "Louises plan". Only while the power of attorney is valid today (the policy layer's check).
/// The citizen's given name is all that is read, once per request; it is not logged as a read of the
/// citizen's data because the proxy was given it with the power of attorney and the banner only repeats it.
/// </summary>
public sealed class ActingFor(CitizenDataAccess access, IStringLocalizer<SharedResource> localizer)
{
    private bool _resolved;
    private string? _name;

    /// <summary>The citizen's given name when the user is a proxy with a valid power of attorney; otherwise null.</summary>
    public async Task<string?> ProxyForAsync(CancellationToken cancellationToken)
    {
        if (_resolved)
        {
            return _name;
        }

        _resolved = true;
        _name = await access.ProxiedGivenNameAsync(cancellationToken);
        return _name;
    }

    /// <summary>"Min plan" for the citizen, "Louises plan" for the proxy.</summary>
    public async Task<string> PlanTitleAsync(CancellationToken cancellationToken) =>
        await ProxyForAsync(cancellationToken) is { } name
            ? string.Format(CultureInfo.CurrentCulture, localizer["Proxy.PlanOf"], Possessive(name, CultureInfo.CurrentUICulture))
            : localizer["MyPlan.Title"];

    /// <summary>
    /// The possessive of a name where the language inflects it: Danish adds -s, or an apostrophe after
    /// s, x or z ("Louises", "Lars'"); English adds 's, or an apostrophe after s. Other languages get the
    /// name as it is and put it where their grammar wants it in the resource text.
    /// </summary>
    public static string Possessive(string name, CultureInfo culture)
    {
        var last = name.Length > 0 ? char.ToLowerInvariant(name[^1]) : ' ';
        return culture.TwoLetterISOLanguageName switch
        {
            "da" => last is 's' or 'x' or 'z' ? name + "'" : name + "s",
            "en" => last == 's' ? name + "'" : name + "'s",
            _ => name,
        };
    }
}
