using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Work;
using Samspil.Features.Access;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Work;

/// <summary>
/// The IPS track and the income basis of a course (issue 17 points 1–2, docs/work.md). Reads go through the access layer
/// in "arbejde og forsørgelse" and are logged; every change is logged in the same transaction.
/// </summary>
public sealed class WorkService(SamspilDbContext db, CitizenDataAccess access, TimeProvider time)
{
    private const InformationCategory Category = InformationCategory.WorkAndIncome;

    public async Task<IpsView?> GetIpsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.ReadIpsAsync(courseId, cancellationToken) is not { } read)
        {
            return null;
        }

        var editor = await EditorAsync(read.Course, cancellationToken);
        return View(read, editor);
    }

    /// <summary>Staff: sets the track's texts and its end; starts the track if there is none.</summary>
    public async Task<IpsView?> SaveIpsAsync(Guid courseId, SaveIpsTrackRequest request, CancellationToken cancellationToken)
    {
        if (await StaffChangeAsync(courseId, cancellationToken) is not { } record)
        {
            return null;
        }

        var (track, action) = await TrackAsync(record, cancellationToken);
        var now = Now;
        track.Update(new IpsTrackContent(request.JobWishes, request.JobSearchPlan, request.FollowAlongSupport, request.Accommodations), access.User.AsActor(), now);
        if (request.ClosedOn != track.ClosedOn)
        {
            track.Close(request.ClosedOn, access.User.AsActor(), now);
        }

        return await CommitAsync(record, "IpsTrack", track.Id, action, courseId, cancellationToken);
    }

    /// <summary>The citizen, their proxy or staff: the job wishes in the citizen's own words.</summary>
    public async Task<IpsView?> WriteJobWishesAsync(Guid courseId, JobWishesRequest request, CancellationToken cancellationToken)
    {
        if (await access.FindWorkForChangeAsync(courseId, cancellationToken) is not { } change)
        {
            return null;
        }

        var (track, action) = await TrackAsync(change.Record, cancellationToken);
        track.WriteJobWishes(request.JobWishes, access.User.AsActor(), Now);
        return await CommitAsync(change.Record, "IpsTrack", track.Id, action, courseId, cancellationToken);
    }

    /// <summary>Staff: takes the case as IPS consultant, or lets it go (only the consultant themself).</summary>
    public async Task<IpsView?> SetConsultantAsync(Guid courseId, ConsultantRequest request, CancellationToken cancellationToken)
    {
        if (await StaffChangeAsync(courseId, cancellationToken) is not { } record)
        {
            return null;
        }

        Require("take", request.Take, "IpsTrack.Take.Required");
        var (track, action) = await TrackAsync(record, cancellationToken);
        var me = access.User.AsActor();
        if (request.Take == true)
        {
            track.AssignConsultant(me, me, Now);
        }
        else if (track.ConsultantUserId == me.UserId)
        {
            track.AssignConsultant(null, me, Now);
        }

        return await CommitAsync(record, "IpsTrack", track.Id, action, courseId, cancellationToken);
    }

    public async Task<IpsView?> AddEmployerContactAsync(Guid courseId, EmployerContactRequest request, CancellationToken cancellationToken)
    {
        if (await StaffChangeAsync(courseId, cancellationToken) is not { } record)
        {
            return null;
        }

        Require("on", request.On, "EmployerContact.On.Required");
        var contact = EmployerContact.Record(courseId, record.Citizen.Id, record.Course.StartDate, request.On!.Value, request.Employer, request.Outcome, access.User.AsActor(), Now);
        db.EmployerContacts.Add(contact);
        return await CommitAsync(record, "EmployerContact", contact.Id, AccessAction.Create, courseId, cancellationToken);
    }

    public async Task<IpsView?> AddJobStartAsync(Guid courseId, JobStartRequest request, CancellationToken cancellationToken)
    {
        if (await StaffChangeAsync(courseId, cancellationToken) is not { } record)
        {
            return null;
        }

        var errors = new ValidationErrors();
        errors.Required("startsOn", request.StartsOn, "JobStart.StartsOn.Required");
        errors.Required("hoursPerWeek", request.HoursPerWeek, "JobStart.HoursPerWeek.Required");
        errors.Required("kind", request.Kind, "JobStart.Kind.Required");
        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var start = JobStart.Record(courseId, record.Citizen.Id, record.Course.StartDate, request.StartsOn!.Value, request.Employer, request.HoursPerWeek!.Value, request.Kind!.Value, access.User.AsActor(), Now);
        db.JobStarts.Add(start);
        return await CommitAsync(record, "JobStart", start.Id, AccessAction.Create, courseId, cancellationToken);
    }

    public async Task<IncomeBasisView?> GetIncomeBasisAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.ReadIncomeBasisAsync(courseId, cancellationToken) is not { } read)
        {
            return null;
        }

        var canRecord = await EditorAsync(read.Course, cancellationToken) == WorkEditor.Staff;
        var history = read.History.Select(e => new IncomeBasisEntryView(e.Id, e.Basis, e.ClarifiedOn, e.ClarifiedBy, e.Note, e.RecordedAt, e.RecordedByName)).ToList();
        return new IncomeBasisView(
            courseId,
            read.Course.Course.StartDate,
            history.FirstOrDefault(),
            IncomeBasisEntry.DaysToClarification(read.Course.Course.StartDate, read.History.Select(e => e.ClarifiedOn)),
            history,
            canRecord);
    }

    /// <summary>Staff: records a clarification of the income basis (a new row: the history keeps the earlier ones).</summary>
    public async Task<IncomeBasisView?> RecordIncomeBasisAsync(Guid courseId, IncomeBasisRequest request, CancellationToken cancellationToken)
    {
        if (await StaffChangeAsync(courseId, cancellationToken) is not { } record)
        {
            return null;
        }

        var errors = new ValidationErrors();
        errors.Required("basis", request.Basis, "IncomeBasis.Basis.Required");
        errors.Required("clarifiedOn", request.ClarifiedOn, "IncomeBasis.ClarifiedOn.Required");
        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var entry = IncomeBasisEntry.Record(courseId, record.Citizen.Id, record.Course.StartDate, request.Basis!.Value, request.ClarifiedOn!.Value, request.ClarifiedBy, request.Note, access.User.AsActor(), Now);
        db.IncomeBasisEntries.Add(entry);
        access.Log.Record(record.Citizen.Id, Category, AccessAction.Create, "IncomeBasis", entry.Id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return await GetIncomeBasisAsync(courseId, cancellationToken);
    }

    /// <summary>The signed-in consultant's open IPS cases.</summary>
    public async Task<IpsCaseloadView> CaseloadAsync(CancellationToken cancellationToken)
    {
        var cases = await access.IpsCaseloadAsync(cancellationToken);
        var views = cases
            .Select(c => new IpsCaseView(c.Course.Course.Id, c.Course.Citizen.FullName, c.Course.Course.StartDate, c.LastEmployerContact, c.FirstCompetitiveJob, c.Track.UpdatedAt))
            .OrderBy(c => c.LastEmployerContact ?? DateOnly.MinValue)
            .ThenBy(c => c.CitizenName, StringComparer.CurrentCulture)
            .ToList();
        return new IpsCaseloadView(views.Count, IpsMeasures.MaxCaseload, IpsMeasures.IsOverloaded(views.Count), views);
    }

    private Moment Now => CopenhagenTime.Now(time);

    private static void Require<T>(string field, T? value, string code)
        where T : struct
    {
        if (value is null)
        {
            var errors = new ValidationErrors();
            errors.Add(field, code);
            throw new InputValidationException(errors);
        }
    }

    /// <summary>A course whose IPS track or income basis the caller may change as staff; null (404) when they may not read it, 403 when they read it as the citizen.</summary>
    private async Task<CourseRecord?> StaffChangeAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.FindWorkForChangeAsync(courseId, cancellationToken) is not { } change)
        {
            return null;
        }

        return change.Editor == WorkEditor.Staff ? change.Record : throw new DomainException("IpsTrack.Forbidden");
    }

    private async Task<WorkEditor?> EditorAsync(CourseRecord record, CancellationToken cancellationToken) =>
        record.Decision.BasisKind switch
        {
            AccessBasisKind.Self => WorkEditor.Citizen,
            AccessBasisKind.Proxy => WorkEditor.Proxy,
            _ when await access.MayChangeAsync(record, cancellationToken) => WorkEditor.Staff,
            _ => null,
        };

    private async Task<(IpsTrack Track, AccessAction Action)> TrackAsync(CourseRecord record, CancellationToken cancellationToken)
    {
        if (await access.IpsTrackForChangeAsync(record.Course.Id, cancellationToken) is { } existing)
        {
            return (existing, AccessAction.Update);
        }

        var track = IpsTrack.Start(record.Course.Id, record.Citizen.Id, access.User.AsActor(), Now);
        db.IpsTracks.Add(track);
        return (track, AccessAction.Create);
    }

    private async Task<IpsView?> CommitAsync(CourseRecord record, string resource, Guid id, AccessAction action, Guid courseId, CancellationToken cancellationToken)
    {
        access.Log.Record(record.Citizen.Id, Category, action, resource, id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return await GetIpsAsync(courseId, cancellationToken);
    }

    private IpsView View(IpsRecord read, WorkEditor? editor)
    {
        var today = CopenhagenTime.Today(time);
        var start = read.Course.Course.StartDate;
        var starts = read.JobStarts.Select(j => (j.StartsOn, j.Kind)).ToList();
        var t = read.Track;
        return new IpsView(
            read.Course.Course.Id,
            start,
            t is not null,
            t?.JobWishes,
            t?.JobSearchPlan,
            t?.FollowAlongSupport,
            t?.Accommodations,
            t?.ConsultantUserId,
            t?.ConsultantName,
            t?.ClosedOn,
            t?.UpdatedAt,
            t?.UpdatedByName,
            read.Contacts.Select(c => new EmployerContactView(c.Id, c.On, c.Employer, c.Outcome, c.RecordedByName)).ToList(),
            read.JobStarts.Select(j => new JobStartView(j.Id, j.StartsOn, j.Employer, j.HoursPerWeek, j.Kind, IpsMeasures.IsCompetitive(j.Kind), j.RecordedByName)).ToList(),
            IpsMeasures.FirstCompetitiveJobOn(starts, today),
            IpsMeasures.DaysToFirstCompetitiveJob(start, starts, today),
            editor == WorkEditor.Staff,
            editor is not null,
            t?.ConsultantUserId is { } consultant && consultant == access.User.UserId,
            read.Course.Citizen.FullName,
            editor is WorkEditor.Citizen or WorkEditor.Proxy);
    }
}
