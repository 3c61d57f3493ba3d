using Samspil.Domain.Common;
using Samspil.Domain.Consents;

namespace Samspil.Domain.Questionnaires;

/// <summary>What an instrument is used for; decides who answers it and where its results show.</summary>
public enum InstrumentPurpose
{
    /// <summary>Screening or assessment of the citizen (WHO-5, PCL-5, ...): answered by the citizen, read by the clinicians the consent covers.</summary>
    Screening = 0,

    /// <summary>The citizen's experience of the course (coherence, clarity about work, being heard; R35).</summary>
    CitizenExperience = 1,

    /// <summary>The collaboration between sectors, answered by network members per tie (R16; 004 K2, K6).</summary>
    Collaboration = 2,

    /// <summary>The IPS fidelity review of a team: organisation data, not citizen data.</summary>
    IpsFidelity = 3,
}

public enum InstrumentStatus
{
    /// <summary>Can be assigned and answered.</summary>
    Active = 0,

    /// <summary>Kept for the answers given; not assigned any more (e.g. replaced by a newer version).</summary>
    Retired = 1,
}

/// <summary>
/// A questionnaire (spørgeskema) as data (issue 19): one version of one instrument. <see cref="Key"/> names the
/// instrument across versions ("who-5"); a new version is a new row, so every response keeps the exact items and
/// scoring it was answered with. The exchange form is a FHIR R4 Questionnaire (url = canonical base + key,
/// version = <see cref="Version"/>).
/// </summary>
public sealed class Instrument
{
    public const int MaxKeyLength = 64;

    private Instrument()
    {
        Key = string.Empty;
        Definition = null!;
        UpdatedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Lower-case letters, digits and hyphens; the same across versions.</summary>
    public string Key { get; private set; }

    public int Version { get; private set; }

    public InstrumentPurpose Purpose { get; private set; }

    /// <summary>
    /// The consent category a citizen's responses are read under (a screening instrument: usually Helbred og
    /// behandling). Collaboration responses are course data read under Møder og referater; IPS fidelity: none.
    /// </summary>
    public InformationCategory Category { get; private set; }

    public QuestionnaireDefinition Definition { get; private set; }

    public InstrumentStatus Status { get; private set; }

    /// <summary>Shipped with Samspil (seeded at start) rather than loaded by an administrator.</summary>
    public bool Shipped { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedByName { get; private set; }

    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxKeyLength && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && key[0] != '-';

    public static Instrument Create(string key, int version, InstrumentPurpose purpose, InformationCategory category, QuestionnaireDefinition definition, bool shipped, string byName, DateTimeOffset now)
    {
        if (!IsValidKey(key))
        {
            throw new DomainException("Questionnaire.Key.Invalid", "key");
        }

        if (version < 1)
        {
            throw new DomainException("Questionnaire.Version.Invalid", "version");
        }

        var expected = ExpectedCategory(purpose);
        if (expected is { } fixedCategory && category != fixedCategory)
        {
            throw new DomainException("Questionnaire.Category.Invalid", "category");
        }

        if (purpose is InstrumentPurpose.Screening or InstrumentPurpose.CitizenExperience && InformationCategories.Each.All(c => c != category))
        {
            throw new DomainException("Questionnaire.Category.Invalid", "category");
        }

        return new Instrument
        {
            Id = Guid.CreateVersion7(now),
            Key = key,
            Version = version,
            Purpose = purpose,
            Category = category,
            Definition = definition,
            Status = InstrumentStatus.Active,
            Shipped = shipped,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedByName = byName,
        };
    }

    /// <summary>The category a purpose dictates (collaboration and fidelity), or null when the instrument chooses.</summary>
    public static InformationCategory? ExpectedCategory(InstrumentPurpose purpose) => purpose switch
    {
        InstrumentPurpose.Collaboration => InformationCategory.MeetingsAndMinutes,
        InstrumentPurpose.IpsFidelity => InformationCategory.None,
        _ => null,
    };

    /// <summary>Who answers: the citizen (or proxy, or with a professional), a network member, or a team.</summary>
    public bool AnsweredByCitizen => Purpose is InstrumentPurpose.Screening or InstrumentPurpose.CitizenExperience;

    public void Retire(string byName, DateTimeOffset now)
    {
        Status = InstrumentStatus.Retired;
        UpdatedByName = byName;
        UpdatedAt = now;
    }

    public void Activate(string byName, DateTimeOffset now)
    {
        Status = InstrumentStatus.Active;
        UpdatedByName = byName;
        UpdatedAt = now;
    }

    /// <summary>Loads texts for a language into this version (e.g. a licensed translation) without changing items or scoring.</summary>
    public void ReplaceDefinition(QuestionnaireDefinition definition, string byName, DateTimeOffset now)
    {
        Definition = definition;
        UpdatedByName = byName;
        UpdatedAt = now;
    }
}
