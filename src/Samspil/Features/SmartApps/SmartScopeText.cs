using Microsoft.Extensions.Localization;
using Samspil.Features.Fhir;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.SmartApps;

/// <summary>Scopes in words a citizen understands, for the consent screen and "Mine apps".</summary>
public static class SmartScopeText
{
    private static readonly IReadOnlySet<string> DescribedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Patient", "EpisodeOfCare", "CareTeam", "CarePlan", "Goal", "Task", "Appointment", "Communication", "Consent",
        "QuestionnaireResponse", "AuditEvent", "Organization", "PractitionerRole", "HealthcareService",
    };

    public static IReadOnlyList<string> Describe(IEnumerable<string> scopes, IStringLocalizer<SharedResource> localizer)
    {
        var lines = new List<string>();
        foreach (var scope in scopes)
        {
            if (FhirScopes.Parse(scope) is not { } parsed)
            {
                continue;
            }

            string what = parsed.Type == "*"
                ? localizer[parsed.Context == "patient" ? "SmartApps.Scope.PatientAll" : "SmartApps.Scope.UserAll"]
                : DescribedTypes.Contains(parsed.Type) ? localizer["SmartApps.Scope.Type." + parsed.Type] : parsed.Type;
            lines.Add(parsed.Write ? localizer["SmartApps.Scope.AlsoChange", what] : what);
        }

        return [.. lines.Distinct(StringComparer.Ordinal)];
    }
}
