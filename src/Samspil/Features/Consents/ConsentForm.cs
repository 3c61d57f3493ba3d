using System.Globalization;
using Samspil.Domain.Consents;
using Samspil.Features.Courses;
using Samspil.Features.Directory;

namespace Samspil.Features.Consents;

/// <summary>
/// What a consent form posts: the terms, and for a signed paper form who signed it. Shared by the
/// professional's "Registrér samtykke" page and the citizen's "Giv nyt samtykke" and "Begræns" pages,
/// which all render it with the partial <c>_ConsentTermsFields</c>.
/// </summary>
public sealed class ConsentForm
{
    /// <summary>Ticked recipients as "{Kind}:{id}" (see <see cref="RecipientOption.ValueOf"/>).</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Any other organisation from the directory, chosen in a list.</summary>
    public Guid? OtherOrganizationId { get; set; }

    public List<InformationCategory> Categories { get; set; } = [];

    public string? Purpose { get; set; }

    public string? NotFor { get; set; }

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public ConsentCondition Condition { get; set; }

    public DateOnly? ExcludeRecordsBefore { get; set; }

    public ConsentGivenBy GivenBy { get; set; }

    public string? GivenByName { get; set; }

    public bool IsChecked(RecipientOption option) => Recipients.Contains(option.Value, StringComparer.Ordinal);

    public IReadOnlyList<ConsentRecipientInput> RecipientInputs()
    {
        var inputs = Recipients.Distinct(StringComparer.Ordinal).Select(RecipientOption.Parse).ToList();
        if (OtherOrganizationId is { } other)
        {
            inputs.Add(new ConsentRecipientInput(ConsentRecipientKind.Organization, other));
        }

        return inputs.Distinct().ToList();
    }

    /// <summary>The request as the service takes it. Who signed only counts on a paper form (<paramref name="paperForm"/>).</summary>
    public ConsentRequest ToRequest(bool paperForm, IReadOnlyList<AccessPurpose>? purposes = null) => new(
        RecipientInputs(),
        Categories,
        purposes,
        Purpose,
        NotFor,
        ValidFrom,
        ValidTo,
        Condition,
        ExcludeRecordsBefore,
        paperForm ? GivenBy : null,
        paperForm && GivenBy == ConsentGivenBy.Proxy ? GivenByName : null,
        null,
        null);

    /// <summary>The form filled in with an existing consent's terms (to limit it).</summary>
    public static ConsentForm From(ConsentView consent) => new()
    {
        Recipients = consent.Recipients.Select(r => RecipientOption.ValueOf(r.Kind, r.TargetId)).ToList(),
        Categories = consent.Categories.ToList(),
        Purpose = consent.Purpose,
        NotFor = consent.NotFor,
        ValidFrom = consent.ValidFrom,
        ValidTo = consent.ValidTo,
        Condition = consent.Condition,
        ExcludeRecordsBefore = consent.ExcludeRecordsBefore,
    };
}

/// <summary>A recipient that can be ticked in a consent form.</summary>
public sealed record RecipientOption(ConsentRecipientKind Kind, Guid TargetId, string Label, string? Detail)
{
    public string Value => ValueOf(Kind, TargetId);

    public static string ValueOf(ConsentRecipientKind kind, Guid id) => string.Create(CultureInfo.InvariantCulture, $"{kind}:{id:D}");

    /// <summary>A tampered value becomes an empty input, which the service reports as an invalid recipient.</summary>
    public static ConsentRecipientInput Parse(string? value)
    {
        var parts = (value ?? string.Empty).Split(':', 2);
        return parts.Length == 2 && Enum.TryParse<ConsentRecipientKind>(parts[0], out var kind) && Enum.IsDefined(kind) && Guid.TryParse(parts[1], out var id)
            ? new ConsentRecipientInput(kind, id)
            : new ConsentRecipientInput(null, null);
    }

    /// <summary>
    /// The organisations of the active professionals in the given networks, and (when <paramref name="withRoles"/>)
    /// each professional's role, for a consent that should reach only that person in their job.
    /// </summary>
    public static IReadOnlyList<RecipientOption> FromNetworks(IEnumerable<IReadOnlyList<NetworkMemberView>> networks, bool withRoles)
    {
        var members = networks.SelectMany(n => n).Where(m => m.IsActive && m.Organization is not null).ToList();
        var organizations = members
            .Select(m => m.Organization!)
            .DistinctBy(o => o.Id)
            .OrderBy(o => o.Name, StringComparer.CurrentCulture)
            .Select(o => new RecipientOption(
                ConsentRecipientKind.Organization,
                o.Id,
                o.Name,
                string.Join(", ", members.Where(m => m.Organization!.Id == o.Id).Select(m => m.Name).Distinct(StringComparer.Ordinal))));
        var roles = withRoles
            ? members
                .Where(m => m.PractitionerRoleId is not null)
                .DistinctBy(m => m.PractitionerRoleId)
                .OrderBy(m => m.Name, StringComparer.CurrentCulture)
                .Select(m => new RecipientOption(ConsentRecipientKind.PractitionerRole, m.PractitionerRoleId!.Value, $"{m.Name} — {Samspil.Domain.Directory.RoleLabel.Format(m.Title, m.Organization!.Name)}", null))
            : [];
        return organizations.Concat(roles).ToList();
    }

    public static IReadOnlyList<RecipientOption> FromConsent(ConsentView consent) =>
        consent.Recipients.Select(r => new RecipientOption(r.Kind, r.TargetId, r.Name, null)).ToList();
}

/// <summary>What the partial <c>_ConsentTermsFields</c> needs to render a consent form.</summary>
public sealed record ConsentFormView(
    ConsentForm Form,
    IReadOnlyList<RecipientOption> RecipientOptions,
    IReadOnlyList<InformationCategory> CategoryOptions,
    IReadOnlyList<OrganizationView> OtherOrganizations,
    ConsentFormMode Mode,
    ConsentView? Current = null)
{
    /// <summary>Limiting never extends a consent.</summary>
    public DateOnly? LatestValidTo => Mode == ConsentFormMode.Limit ? Current?.ValidTo : null;

    /// <summary>Limiting never lifts an "only while admitted" condition.</summary>
    public IEnumerable<ConsentCondition> ConditionOptions =>
        Mode == ConsentFormMode.Limit && Current?.Condition == ConsentCondition.OnlyWhileAdmitted
            ? [ConsentCondition.OnlyWhileAdmitted]
            : Enum.GetValues<ConsentCondition>();
}

public enum ConsentFormMode
{
    /// <summary>A professional registers a signed paper form.</summary>
    Register = 0,

    /// <summary>The citizen (or proxy) gives a new consent signed in.</summary>
    Give = 1,

    /// <summary>The citizen narrows an existing consent: only fewer recipients, fewer categories, shorter, stricter.</summary>
    Limit = 2,
}
