using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Questionnaires;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>
/// A completed questionnaire answer behind the dashboard (issue 19, part 4), with its course's filter facts. The
/// course id never leaves the reporting service; only suppressed means and counts do.
/// </summary>
public sealed record ReportingAnswer(
    Guid InstrumentId,
    string TargetGroupCode,
    Guid? RegionOrganizationId,
    Guid? MunicipalityOrganizationId,
    Guid? RecordedByOrganizationId,
    DateOnly AnsweredOn,
    decimal? PrimaryScore,
    IReadOnlyList<ScaleScore> Scores,
    CollaborationArea? RespondentArea,
    CollaborationArea? PartnerArea);

/// <summary>An IPS fidelity review of a team in the steering scope (organisation data, not citizen data).</summary>
public sealed record ReportingFidelityReview(Guid OrganizationId, Guid InstrumentId, DateOnly ReviewedOn, decimal? Total);

/// <summary>Reporting of questionnaires: citizen-experience and collaboration answers, and IPS fidelity reviews, for the dashboard.</summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// The completed answers to instruments of a purpose (citizen experience or collaboration) given in the period
    /// on courses in the user's steering scope (<see cref="AccessActorProvider.SteeringScopeAsync"/>, as for the
    /// dashboard's course facts). Only administrators and managers (leder) get anything, and only the reporting
    /// service asks. Answers marked entered-in-error are left out.
    /// <para>
    /// As for <see cref="ReportingFactsAsync"/>, nothing is written to the access log: only suppressed aggregates
    /// about no identifiable citizen leave the reporting service (ADR 0010).
    /// </para>
    /// </summary>
    public async Task<IReadOnlyList<ReportingAnswer>> ReportingAnswersAsync(InstrumentPurpose purpose, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (!user.SeesSteeringFigures || purpose is not (InstrumentPurpose.CitizenExperience or InstrumentPurpose.Collaboration))
        {
            return [];
        }

        var scope = (await actors.SteeringScopeAsync(cancellationToken)).Select(id => (Guid?)id).ToList();
        if (scope.Count == 0)
        {
            return [];
        }

        var start = CopenhagenTime.StartOfDayUtc(from);
        var end = CopenhagenTime.StartOfDayUtc(to.AddDays(1));
        var rows = await (
                from response in db.QuestionnaireResponses.AsNoTracking()
                join instrument in db.Instruments on response.InstrumentId equals instrument.Id
                join course in db.Courses on response.CourseId equals course.Id
                where instrument.Purpose == purpose
                    && response.Status == ResponseStatus.Completed
                    && response.AuthoredAt >= start && response.AuthoredAt < end
                    && (scope.Contains(course.RegionOrganizationId) || scope.Contains(course.MunicipalityOrganizationId) || scope.Contains(course.RecordedByOrganizationId))
                select new
                {
                    response.InstrumentId,
                    course.TargetGroupCode,
                    course.RegionOrganizationId,
                    course.MunicipalityOrganizationId,
                    course.RecordedByOrganizationId,
                    response.AuthoredAt,
                    response.PrimaryScore,
                    response.Scores,
                    response.RespondentArea,
                    response.PartnerArea,
                })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ReportingAnswer(
                r.InstrumentId,
                r.TargetGroupCode,
                r.RegionOrganizationId,
                r.MunicipalityOrganizationId,
                r.RecordedByOrganizationId,
                CopenhagenTime.DateOf(r.AuthoredAt),
                r.PrimaryScore,
                r.Scores,
                r.RespondentArea,
                r.PartnerArea))
            .ToList();
    }

    /// <summary>
    /// The IPS fidelity reviews in the period of the teams in the user's steering scope (their organisation and
    /// every unit below it). Organisation data: the same audience as the dashboard, nothing logged per citizen.
    /// </summary>
    public async Task<IReadOnlyList<ReportingFidelityReview>> ReportingFidelityReviewsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (!user.SeesSteeringFigures)
        {
            return [];
        }

        var scope = (await actors.SteeringScopeAsync(cancellationToken)).ToList();
        if (scope.Count == 0)
        {
            return [];
        }

        return await db.FidelityReviews.AsNoTracking()
            .Where(r => scope.Contains(r.OrganizationId) && r.ReviewedOn >= from && r.ReviewedOn <= to)
            .OrderBy(r => r.ReviewedOn)
            .Select(r => new ReportingFidelityReview(r.OrganizationId, r.InstrumentId, r.ReviewedOn, r.Total))
            .ToListAsync(cancellationToken);
    }
}
