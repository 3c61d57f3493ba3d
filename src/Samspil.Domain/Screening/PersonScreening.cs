namespace Samspil.Domain.Screening;

/// <summary>
/// The screening figures for one person. The rules behind each figure are defined on
/// <see cref="ReadmissionScreening"/>.
/// </summary>
/// <param name="PersonKey">The pseudonymous person key.</param>
/// <param name="MunicipalityCode">Where the person lives: the municipality of their most recent admission (see <see cref="ReadmissionScreening"/>).</param>
/// <param name="RegionCode">The region of that same admission.</param>
/// <param name="Admissions">All the person's admissions in the input.</param>
/// <param name="MaxAdmissionsIn12Months">The most admissions in any rolling 12 months.</param>
/// <param name="AcuteReadmissionsWithin30Days">Acute admissions starting within 30 days after a discharge.</param>
/// <param name="ShortStays">Stays of 0–3 Danish calendar days.</param>
/// <param name="DischargesOutsideDaytime">Discharges outside 08:00–16:00 Danish time on weekdays, or at weekends.</param>
public sealed record PersonScreening(
    string PersonKey,
    string MunicipalityCode,
    string RegionCode,
    int Admissions,
    int MaxAdmissionsIn12Months,
    int AcuteReadmissionsWithin30Days,
    int ShortStays,
    int DischargesOutsideDaytime)
{
    /// <summary>The VIVE criterion "four or more admissions in a year": <see cref="MaxAdmissionsIn12Months"/> ≥ 4.</summary>
    public bool FourOrMoreAdmissionsIn12Months => MaxAdmissionsIn12Months >= ReadmissionScreening.FrequentAdmissionThreshold;
}
