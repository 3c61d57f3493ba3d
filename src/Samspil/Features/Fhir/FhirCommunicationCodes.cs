using System.Globalization;
using Hl7.Fhir.Model;
using Samspil.Features.Access;

namespace Samspil.Features.Fhir;

/// <summary>
/// Samspil's own code systems and extensions used by the Appointment, Communication, Consent and AuditEvent handlers
/// (docs/fhir-mapping.md). The canonical base is the one the questionnaires already use.
/// </summary>
public static class FhirCommunicationCodes
{
    public const string CodeSystemBase = "https://samspil.dk/fhir/CodeSystem/";
    public const string ExtensionBase = "https://samspil.dk/fhir/StructureDefinition/";

    /// <summary>The conversation (samtale) a Communication belongs to: <c>Communication.topic.coding</c> with this system and the conversation id as code.</summary>
    public const string ConversationSystem = CodeSystemBase + "conversation";
    public const string CommunicationCategorySystem = CodeSystemBase + "communication-category";
    public const string MeetingKindSystem = CodeSystemBase + "meeting-kind";
    public const string MeetingRoleSystem = CodeSystemBase + "meeting-role";
    public const string MeetingFormatUrl = ExtensionBase + "meeting-format";
    public const string InformationCategorySystem = CodeSystemBase + "information-category";
    public const string AccessBasisSystem = CodeSystemBase + "access-basis";

    /// <summary>A FHIR instant in UTC with the precision Samspil stores.</summary>
    public static string Instant(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The citizen's Patient.</summary>
    public static ResourceReference Patient(Guid citizenId, string? display = null) =>
        new($"Patient/{citizenId:D}") { Display = display };

    /// <summary>The courses a search looks in: one citizen's, or every course the reader may read in this category (each logged by the access layer).</summary>
    public static Task<IReadOnlyList<CourseRecord>> CoursesAsync(CitizenDataAccess access, Guid? patient, Samspil.Domain.Consents.InformationCategory category, CancellationToken cancellationToken) =>
        patient is { } citizenId
            ? access.ListCoursesAsync(q => q.Where(c => c.Citizen.Id == citizenId), category, cancellationToken)
            : access.ListCoursesAsync(q => q, category, cancellationToken);

    /// <summary>The token values of a parameter, each one of <paramref name="allowed"/>; refused otherwise.</summary>
    public static IReadOnlyList<string> Tokens(FhirSearch search, string name, IReadOnlyCollection<string> allowed)
    {
        var values = search.Values(name);
        foreach (var value in values)
        {
            var code = value.Contains('|', StringComparison.Ordinal) ? value[(value.IndexOf('|', StringComparison.Ordinal) + 1)..] : value;
            if (!allowed.Contains(code))
            {
                throw new FhirSearchException($"The parameter '{name}' takes one of: {string.Join(", ", allowed)}.", name);
            }
        }

        return [.. values.Select(v => v.Contains('|', StringComparison.Ordinal) ? v[(v.IndexOf('|', StringComparison.Ordinal) + 1)..] : v)];
    }

    /// <summary>Whether an instant satisfies every date bound (an absent instant satisfies none when bounds are given).</summary>
    public static bool MatchesDates(IReadOnlyList<FhirDateBound> bounds, DateTimeOffset? value) =>
        bounds.Count == 0 || (value is { } v && bounds.All(b => b.Matches(v)));

    /// <summary>Applies <c>_id</c> (OR) to resources already read.</summary>
    public static IEnumerable<T> WithIds<T>(IEnumerable<T> resources, FhirSearch search)
        where T : Resource =>
        search.Ids.Count == 0 ? resources : resources.Where(r => search.Ids.Contains(r.Id, StringComparer.Ordinal));
}
