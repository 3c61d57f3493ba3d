using System.Security.Claims;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Fhir;

/// <summary>What a FHIR request wants to do with a resource type.</summary>
public enum FhirInteraction
{
    Read = 0,
    Write = 1,
}

/// <summary>
/// SMART on FHIR scopes on the caller's token (docs/fhir-api.md): <c>patient/*.read</c> for a citizen's app (only the
/// citizen's own data, and only what the consent policy lets the citizen or proxy read anyway), <c>user/*.read</c> for a
/// staff system (what the user may read), <c>.write</c> / <c>.*</c> to write; SMART v2 permissions (<c>.rs</c>, <c>.cruds</c>)
/// are understood too. Scopes only narrow: the access policy decides every resource as it does for the user's own
/// session. A first-party session (the web UI's cookie, a token from <c>/api/v1/auth/token</c>) carries no scope claim and
/// is the user's own rights, unrestricted by scopes.
/// </summary>
public sealed class FhirScopes
{
    /// <summary>The claim that carries granted scopes (space-separated, one or more claims).</summary>
    public const string ClaimType = "scope";

    private readonly IReadOnlyList<(string Context, string Type, bool Read, bool Write)> _granted;

    private FhirScopes(IReadOnlyList<(string, string, bool, bool)> granted, bool unrestricted)
    {
        _granted = granted;
        Unrestricted = unrestricted;
    }

    /// <summary>No scope claim: a first-party session.</summary>
    public bool Unrestricted { get; }

    /// <summary>The scope strings as granted (for the CapabilityStatement and error messages).</summary>
    public IEnumerable<string> Granted => _granted.Select(g => $"{g.Context}/{g.Type}.{(g.Read && g.Write ? "*" : g.Read ? "read" : "write")}");

    public static FhirScopes From(ClaimsPrincipal principal)
    {
        var values = principal.FindAll(ClaimType).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (values.Count == 0)
        {
            return new FhirScopes([], unrestricted: true);
        }

        var granted = new List<(string, string, bool, bool)>();
        foreach (var value in values)
        {
            if (Parse(value) is { } scope)
            {
                granted.Add(scope);
            }
        }

        return new FhirScopes(granted, unrestricted: false);
    }

    /// <summary>A resource-type scope (<c>patient/Task.read</c>) as (context, type, read, write); null for anything else (openid, launch, offline_access …).</summary>
    public static (string Context, string Type, bool Read, bool Write)? Parse(string scope)
    {
        var slash = scope.IndexOf('/', StringComparison.Ordinal);
        var dot = scope.LastIndexOf('.');
        if (slash <= 0 || dot <= slash + 1 || dot == scope.Length - 1)
        {
            return null;
        }

        var context = scope[..slash];
        if (context is not ("patient" or "user" or "system"))
        {
            return null;
        }

        var type = scope[(slash + 1)..dot];
        var permission = scope[(dot + 1)..];
        var (read, write) = permission switch
        {
            "read" => (true, false),
            "write" => (false, true),
            "*" => (true, true),
            _ when permission.All(c => "cruds".Contains(c, StringComparison.Ordinal)) => (permission.Contains('r', StringComparison.Ordinal) || permission.Contains('s', StringComparison.Ordinal), permission.Contains('c', StringComparison.Ordinal) || permission.Contains('u', StringComparison.Ordinal)),
            _ => (false, false),
        };
        return read || write ? (context, type, read, write) : null;
    }

    /// <summary>
    /// Whether the token lets this user do this to this type. Patient scopes count only for a citizen or proxy (their
    /// own compartment); user scopes for anyone signed in; system scopes are not granted to people and never count here.
    /// </summary>
    public bool Allows(CurrentUser user, string resourceType, FhirInteraction interaction)
    {
        if (Unrestricted)
        {
            return true;
        }

        return _granted.Any(g =>
            (g.Context == "user" || (g.Context == "patient" && user.ActsForCitizen))
            && (g.Type == "*" || string.Equals(g.Type, resourceType, StringComparison.Ordinal))
            && (interaction == FhirInteraction.Read ? g.Read : g.Write));
    }
}
