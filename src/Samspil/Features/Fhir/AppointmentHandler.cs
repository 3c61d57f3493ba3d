using Hl7.Fhir.Model;
using Samspil.Domain.Consents;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Features.Access;

namespace Samspil.Features.Fhir;

/// <summary>
/// Appointment = a meeting of a course's network (docs/fhir-mapping.md): read and searched through the access layer in
/// the category "møder og referater" (<see cref="CitizenDataAccess.ReadMeetingAsync"/>, <see cref="CitizenDataAccess.ReadCourseMeetingsAsync"/>),
/// so every meeting returned was permitted and logged. Status: proposed → proposed, scheduled → booked, held → fulfilled,
/// cancelled → cancelled. Search: <c>patient</c>, <c>status</c>, <c>date</c> (the start).
/// </summary>
public sealed class AppointmentHandler(CitizenDataAccess access) : IFhirResourceHandler
{
    private static readonly string[] StatusCodes = ["proposed", "booked", "fulfilled", "cancelled"];

    public string ResourceType => "Appointment";

    public IReadOnlyList<FhirSearchParameterDefinition> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "The citizen (Patient/{id}) whose course the meeting belongs to."),
        new("status", SearchParamType.Token, "proposed | booked | fulfilled | cancelled (comma for OR)."),
        new("date", SearchParamType.Date, "The meeting's start (eq, ne, gt, lt, ge, le; repeat for a range). Meetings without a time do not match."),
    ];

    public async Task<Resource?> ReadAsync(FhirRequestContext context, string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var meetingId) && await access.ReadMeetingAsync(meetingId, cancellationToken) is { } read
            ? ToFhir(read.Record.Course, read.Record.Meeting)
            : null;

    public async Task<FhirSearchResult> SearchAsync(FhirRequestContext context, FhirSearch search, CancellationToken cancellationToken)
    {
        var patient = search.ReferenceId("patient", "Patient");
        var statuses = FhirCommunicationCodes.Tokens(search, "status", StatusCodes);
        var dates = search.Dates("date");
        var courses = await FhirCommunicationCodes.CoursesAsync(access, patient, InformationCategory.MeetingsAndMinutes, cancellationToken);
        var found = new List<Appointment>();
        foreach (var course in courses)
        {
            if (await access.ReadCourseMeetingsAsync(course.Course.Id, cancellationToken) is not { } read)
            {
                continue;
            }

            found.AddRange(read.Meetings
                .Where(m => FhirCommunicationCodes.MatchesDates(dates, m.Start))
                .Select(m => ToFhir(read.Course, m))
                .Where(a => statuses.Count == 0 || statuses.Contains(a.Status!.Value.ToString().ToLowerInvariant())));
        }

        var ordered = FhirCommunicationCodes.WithIds(found, search)
            .OrderBy(a => a.Start ?? DateTimeOffset.MaxValue)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .ToList<Resource>();
        return FhirSearchResult.Page(ordered, search);
    }

    public static Appointment.AppointmentStatus StatusOf(MeetingStatus status) => status switch
    {
        MeetingStatus.Proposed => Appointment.AppointmentStatus.Proposed,
        MeetingStatus.Scheduled => Appointment.AppointmentStatus.Booked,
        MeetingStatus.Held => Appointment.AppointmentStatus.Fulfilled,
        _ => Appointment.AppointmentStatus.Cancelled,
    };

    public static Appointment ToFhir(CourseRecord course, Meeting meeting)
    {
        var appointment = new Appointment
        {
            Id = meeting.Id.ToString("D"),
            Meta = new Meta { VersionId = meeting.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Status = StatusOf(meeting.Status),
            ServiceType = [new CodeableConcept(FhirCommunicationCodes.MeetingKindSystem, meeting.Kind.ToString())],
            Description = meeting.Title,
            Comment = meeting.Purpose,
            Created = FhirCommunicationCodes.Instant(meeting.CreatedAt),
            SupportingInformation = [new ResourceReference($"EpisodeOfCare/{course.Course.Id:D}")],
        };
        appointment.Extension.Add(new Extension(FhirCommunicationCodes.MeetingFormatUrl, new Code(meeting.Format.ToString())));

        // FHIR: both or neither of start and end; a booked or fulfilled appointment has them.
        if (meeting.Start is { } start && meeting.End is { } end)
        {
            appointment.Start = start.ToUniversalTime();
            appointment.End = end.ToUniversalTime();
        }

        if (meeting.Status == MeetingStatus.Cancelled && meeting.CancelReason is { Length: > 0 } reason)
        {
            appointment.CancelationReason = new CodeableConcept { Text = reason };
        }

        if (meeting.DueFrom is not null || meeting.DueTo is not null)
        {
            appointment.RequestedPeriod.Add(new Period
            {
                Start = meeting.DueFrom is { } from ? FhirCommunicationCodes.Date(from) : null,
                End = meeting.DueTo is { } to ? FhirCommunicationCodes.Date(to) : null,
            });
        }

        foreach (var participant in meeting.Participants)
        {
            appointment.Participant.Add(new Appointment.ParticipantComponent
            {
                Type = [new CodeableConcept(FhirCommunicationCodes.MeetingRoleSystem, participant.Role.ToString())],
                Actor = ActorOf(course, participant),
                Required = Appointment.ParticipantRequired.Required,
                Status = participant.Attendance switch
                {
                    Attendance.Unknown => ParticipationStatus.NeedsAction,
                    Attendance.Absent => ParticipationStatus.Declined,
                    _ => ParticipationStatus.Accepted,
                },
            });
        }

        if (meeting.Location is { Length: > 0 } place)
        {
            appointment.Participant.Add(new Appointment.ParticipantComponent
            {
                Actor = new ResourceReference { Type = "Location", Display = place },
                Required = Appointment.ParticipantRequired.InformationOnly,
                Status = ParticipationStatus.Accepted,
            });
        }

        if (appointment.Participant.Count == 0)
        {
            // FHIR requires a participant: the citizen the meeting is about, not yet asked.
            appointment.Participant.Add(new Appointment.ParticipantComponent
            {
                Actor = FhirCommunicationCodes.Patient(course.Citizen.Id),
                Status = ParticipationStatus.NeedsAction,
            });
        }

        return appointment;
    }

    private static ResourceReference ActorOf(CourseRecord course, MeetingParticipant participant)
    {
        if (participant.IsCitizen)
        {
            return FhirCommunicationCodes.Patient(course.Citizen.Id);
        }

        var member = course.Course.Members.FirstOrDefault(m => m.Id == participant.MemberId);
        return member switch
        {
            { Kind: MemberKind.Professional, PractitionerRoleId: { } roleId } => new ResourceReference($"PractitionerRole/{roleId:D}"),
            { PersonName: { Length: > 0 } name } => new ResourceReference { Type = "RelatedPerson", Display = name },
            _ => new ResourceReference { Display = participant.ProxyName ?? "?" },
        };
    }
}
