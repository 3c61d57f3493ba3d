namespace Samspil.Domain.Consents;

/// <summary>
/// What kind of information about the citizen (R10, R11). A consent or legal basis opens a set of
/// categories; every read of citizen data names the one category it reads.
/// </summary>
[Flags]
public enum InformationCategory
{
    None = 0,

    /// <summary>Status og aftaler: the course, its phase and network, appointments. Includes who the citizen is.</summary>
    StatusAndAppointments = 1,

    /// <summary>Plan og mål.</summary>
    PlanAndGoals = 2,

    /// <summary>Møder og referater.</summary>
    MeetingsAndMinutes = 4,

    /// <summary>Helbred og behandling.</summary>
    HealthAndTreatment = 8,

    /// <summary>Arbejde og forsørgelse.</summary>
    WorkAndIncome = 16,

    /// <summary>Sociale forhold og familie.</summary>
    SocialAndFamily = 32,

    /// <summary>Beskeder.</summary>
    Messages = 64,

    All = StatusAndAppointments | PlanAndGoals | MeetingsAndMinutes | HealthAndTreatment | WorkAndIncome | SocialAndFamily | Messages,

    /// <summary>
    /// Samtykkeoverblik: only that consents exist, whom they cover and which categories (R10:
    /// "partners are informed that consent has been obtained"). Not something a consent gives;
    /// every active member of the citizen's network may read it. Not part of <see cref="All"/>.
    /// </summary>
    ConsentOverview = 128,
}

/// <summary>What a read is for. A consent names the purposes it allows; a legal basis names its own.</summary>
[Flags]
public enum AccessPurpose
{
    None = 0,

    /// <summary>Coordinating the citizen's course across sectors (the ordinary purpose in Samspil).</summary>
    Coordination = 1,

    /// <summary>The job centre's follow-up on sickness benefit (sygedagpengeopfølgning).</summary>
    SicknessBenefitFollowUp = 2,
}

public static class InformationCategories
{
    /// <summary>The single categories, in display order.</summary>
    public static readonly IReadOnlyList<InformationCategory> Each =
    [
        InformationCategory.StatusAndAppointments,
        InformationCategory.PlanAndGoals,
        InformationCategory.MeetingsAndMinutes,
        InformationCategory.HealthAndTreatment,
        InformationCategory.WorkAndIncome,
        InformationCategory.SocialAndFamily,
        InformationCategory.Messages,
    ];

    public static IEnumerable<InformationCategory> Split(InformationCategory set) => Each.Where(c => set.HasFlag(c));
}
