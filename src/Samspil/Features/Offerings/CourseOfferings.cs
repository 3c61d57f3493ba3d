using Samspil.Domain.Consents;
using Samspil.Features.Access;

namespace Samspil.Features.Offerings;

/// <summary>The offerings that fit a course: its target group (and a municipality the reader picks), and those its plan's actions link to.</summary>
public sealed record CourseOfferingsView(Guid CourseId, string TargetGroupCode, string? Municipality, IReadOnlyList<OfferingSummary> Fitting, int FittingTotal, IReadOnlyList<OfferingSummary> Linked);

/// <summary>
/// "Viden om forløbet": reading the course is citizen data, so the course goes through <see cref="CitizenDataAccess"/> (logged; 404 when
/// not permitted) and the plan's linked offerings only when the reader may read the plan. The offerings themselves are public.
/// </summary>
public sealed class CourseOfferings(CitizenDataAccess access, OfferingSearch search)
{
    public const int Shown = 50;

    public async Task<CourseOfferingsView?> ForCourseAsync(Guid courseId, string? municipality, CancellationToken cancellationToken)
    {
        OfferingSearch.Validate(new OfferingSearchQuery(Municipality: municipality)); // a bad municipality is a 400 before anything is read
        var record = await access.ReadCourseAsync(courseId, InformationCategory.StatusAndAppointments, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var targetGroup = record.Course.TargetGroupCode;
        var fitting = await search.SearchAsync(new OfferingSearchQuery(TargetGroup: targetGroup, Municipality: municipality, Sort: "urgent", Limit: Shown), cancellationToken);
        var plan = await access.ReadPlanAsync(courseId, cancellationToken);
        var linkedIds = (plan?.Plan?.Actions ?? []).Where(a => a.OfferingId is not null).Select(a => a.OfferingId!.Value).Distinct().ToList();
        var linked = await search.SummariesOfAsync(linkedIds, cancellationToken);
        return new CourseOfferingsView(courseId, targetGroup, string.IsNullOrWhiteSpace(municipality) ? null : municipality.Trim(), fitting.Items, fitting.Total, linked);
    }
}
