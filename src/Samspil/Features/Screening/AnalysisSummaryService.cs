using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Screening;
using Samspil.Features.Access;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Screening;

/// <summary>
/// Analysis-meeting summaries (analysemøde-opsummering) on a course, shared by the API and the page.
/// Health information: read and written through <see cref="CitizenDataAccess"/> in "helbred og
/// behandling", every change logged in the same transaction.
/// </summary>
public sealed class AnalysisSummaryService(SamspilDbContext db, CitizenDataAccess access, TimeProvider time)
{
    private const InformationCategory Category = InformationCategory.HealthAndTreatment;

    public async Task<CourseAnalysisView?> ListAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.ReadAnalysisSummariesAsync(courseId, cancellationToken) is not { } read)
        {
            return null;
        }

        var (record, summaries) = read;
        var canEdit = access.User.IsStaff
            && !record.Course.IsEnded(CopenhagenTime.Today(time))
            && await access.MayChangeAsync(record, cancellationToken);
        return new CourseAnalysisView(courseId, record.Citizen.FullName, record.Course.IsDemo, canEdit, summaries.Select(ToView).ToList());
    }

    public async Task<AnalysisSummaryView?> GetAsync(Guid courseId, Guid summaryId, CancellationToken cancellationToken) =>
        (await ListAsync(courseId, cancellationToken))?.Summaries.SingleOrDefault(s => s.Id == summaryId);

    public async Task<AnalysisSummaryView?> CreateAsync(Guid courseId, AnalysisSummaryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = await access.FindCourseForAnalysisChangeAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var summary = AnalysisSummary.Create(courseId, record.Citizen.Id, Details(request), access.User.OrganizationId, access.User.AsActor(), CopenhagenTime.Now(time));
        db.AnalysisSummaries.Add(summary);
        access.Log.Record(record.Citizen.Id, Category, AccessAction.Create, "AnalysisSummary", summary.Id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return ToView(summary);
    }

    public async Task<AnalysisSummaryView?> UpdateAsync(Guid courseId, Guid summaryId, AnalysisSummaryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await access.FindAnalysisSummaryForChangeAsync(courseId, summaryId, cancellationToken) is not { } found)
        {
            return null;
        }

        found.Summary.Update(Details(request), access.User.AsActor(), CopenhagenTime.Now(time));
        access.Log.Record(found.Course.Citizen.Id, Category, AccessAction.Update, "AnalysisSummary", summaryId, found.Course.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return ToView(found.Summary);
    }

    public async Task<bool> DeleteAsync(Guid courseId, Guid summaryId, CancellationToken cancellationToken)
    {
        if (await access.FindAnalysisSummaryForChangeAsync(courseId, summaryId, cancellationToken) is not { } found)
        {
            return false;
        }

        access.RemoveAnalysisSummary(found.Summary);
        access.Log.Record(found.Course.Citizen.Id, Category, AccessAction.Delete, "AnalysisSummary", summaryId, found.Course.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return true;
    }

    private static AnalysisSummaryDetails Details(AnalysisSummaryRequest r) =>
        new(r.MeetingDate, r.Participants, r.WhyLastAdmission, r.WhatCouldPreventNext, r.WhatWouldHelpCitizen);

    private static AnalysisSummaryView ToView(AnalysisSummary s) => new(
        s.Id, s.CourseId, s.MeetingDate, s.Participants, s.WhyLastAdmission, s.WhatCouldPreventNext, s.WhatWouldHelpCitizen,
        s.CreatedByName, s.CreatedAt, s.UpdatedByName, s.UpdatedAt);
}
