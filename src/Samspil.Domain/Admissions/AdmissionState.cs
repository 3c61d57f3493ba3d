using Samspil.Domain.Screening;

namespace Samspil.Domain.Admissions;

/// <summary>
/// A citizen's hospital situation, derived from their active hospital events. A stay (the events
/// sharing an episode identifier) is open while its latest event, by the time it happened, is a start,
/// a leave or a return from leave; a discharge or a death closes it.
/// </summary>
/// <remarks>
/// <b>Leave counts as admitted.</b> During orlov the stay continues (MedCom Encounter.status
/// "onleave", still an inpatient encounter), so a consent "only while I am admitted" stays in force
/// over a leave weekend instead of closing and reopening. An acute ambulant stay (STAA) counts as
/// admitted too: the citizen is in hospital. A stay whose discharge never arrives stays open.
/// </remarks>
public sealed record AdmissionState(bool Admitted, bool OnLeave, bool Deceased, HospitalEvent? CurrentStayLatest)
{
    public static readonly AdmissionState None = new(false, false, false, null);

    public static AdmissionState Of(IEnumerable<HospitalEvent> events)
    {
        var active = events.Where(e => e.IsActive).ToList();
        var deceased = active.Any(e => e.Kind == HospitalEventKind.Deceased);
        HospitalEvent? openLatest = null;
        foreach (var stay in active.GroupBy(e => e.EpisodeIdentifier, StringComparer.Ordinal))
        {
            var latest = Latest(stay);
            if (latest.Kind is HospitalEventKind.Discharge or HospitalEventKind.Deceased)
            {
                continue;
            }

            if (openLatest is null || latest.OccurredAt > openLatest.OccurredAt)
            {
                openLatest = latest;
            }
        }

        return new AdmissionState(openLatest is not null && !deceased, openLatest?.Kind == HospitalEventKind.LeaveStart && !deceased, deceased, openLatest);
    }

    /// <summary>The event that decides a stay's state: the latest by when it happened, then by when it arrived.</summary>
    private static HospitalEvent Latest(IEnumerable<HospitalEvent> stay) =>
        stay.OrderBy(e => e.OccurredAt).ThenBy(e => Rank(e.Kind)).ThenBy(e => e.ReceivedAt).Last();

    /// <summary>Events at the same instant: a start comes first and a discharge or death last.</summary>
    private static int Rank(HospitalEventKind kind) => kind switch
    {
        HospitalEventKind.AcuteAmbulantStart or HospitalEventKind.Admission => 0,
        HospitalEventKind.LeaveStart or HospitalEventKind.LeaveEnd => 1,
        _ => 2,
    };

    /// <summary>
    /// Is a discharge at this instant outside daytime (R32)? The definition of ADR 0008 and the
    /// readmission screening: Danish local time on a Saturday or Sunday, or before 08:00 or at or
    /// after 16:00 on a weekday; public holidays are not considered.
    /// </summary>
    public static bool IsOutsideDaytime(DateTimeOffset instant)
    {
        var local = CopenhagenClock.ToLocal(instant);
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return true;
        }

        var time = TimeOnly.FromDateTime(local);
        return time < ReadmissionScreening.DaytimeStart || time >= ReadmissionScreening.DaytimeEnd;
    }
}
