namespace Samspil.Domain.Work;

/// <summary>
/// The IPS measures (R29, R34): time from course start to the first competitive job, and the consultant's caseload.
/// Competitive employment in IPS is an ordinary job on ordinary terms; fleksjob, revalidering, virksomhedspraktik and
/// education are recorded and shown, but do not end the wait for the first competitive job.
/// </summary>
public static class IpsMeasures
{
    /// <summary>IPS fidelity: an employment specialist holds at most 20 cases.</summary>
    public const int MaxCaseload = 20;

    public static bool IsCompetitive(JobStartKind kind) => kind == JobStartKind.OrdinaryJob;

    /// <summary>The first competitive job's start on or before <paramref name="asOf"/> (a start in the future has not happened yet).</summary>
    public static DateOnly? FirstCompetitiveJobOn(IEnumerable<(DateOnly StartsOn, JobStartKind Kind)> starts, DateOnly asOf) =>
        starts.Where(s => IsCompetitive(s.Kind) && s.StartsOn <= asOf).Select(s => (DateOnly?)s.StartsOn).Min();

    /// <summary>Days from the course's start to the first competitive job (0 when it started the same day); null when there is none yet.</summary>
    public static int? DaysToFirstCompetitiveJob(DateOnly courseStart, IEnumerable<(DateOnly StartsOn, JobStartKind Kind)> starts, DateOnly asOf) =>
        FirstCompetitiveJobOn(starts, asOf) is { } first ? Math.Max(0, first.DayNumber - courseStart.DayNumber) : null;

    /// <summary>More open cases than IPS allows one consultant.</summary>
    public static bool IsOverloaded(int openCases) => openCases > MaxCaseload;
}
