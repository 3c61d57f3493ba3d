using Samspil.Domain.Admissions;
using Samspil.Features.Access;

namespace Samspil.Features.HospitalNotifications;

/// <summary>The course timeline's hospital events, read through the access layer (status and appointments) and logged.</summary>
public sealed class HospitalEventService(CitizenDataAccess access)
{
    /// <summary>Null (404) unless the user may read the course. Superseded and withdrawn events only when asked for.</summary>
    public async Task<HospitalTimelineView?> ForCourseAsync(Guid courseId, bool includeInactive, CancellationToken cancellationToken)
    {
        var timeline = await access.ReadHospitalEventsAsync(courseId, cancellationToken);
        if (timeline is null)
        {
            return null;
        }

        var events = timeline.Events
            .Where(e => includeInactive || e.IsActive)
            .Select(e => new HospitalEventView(
                e.Id,
                e.Kind,
                HospitalNotificationCodes.CodeOf(e.Kind),
                e.OccurredAt,
                e.StayClass,
                e.Department,
                e.Hospital,
                e.Status,
                e.Kind == HospitalEventKind.Discharge && AdmissionState.IsOutsideDaytime(e.OccurredAt),
                e.ReplacesEventId is not null,
                e.ReceivedAt))
            .ToList();
        var state = timeline.State;
        return new HospitalTimelineView(state.Admitted, state.OnLeave, state.Deceased, state.Admitted ? state.CurrentStayLatest?.Department : null, events);
    }
}
