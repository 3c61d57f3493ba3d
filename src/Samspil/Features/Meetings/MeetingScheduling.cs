using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Meetings;
using Samspil.Domain.Meetings.Scheduling;
using Samspil.Features.Access;
using Samspil.Features.Meetings.Calendar;
using Samspil.Features.Network;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;
using CalendarBusy = Samspil.Features.Meetings.Calendar.BusyInterval;
using DomainBusy = Samspil.Domain.Meetings.Scheduling.BusyInterval;

namespace Samspil.Features.Meetings;

/// <summary>
/// Finding a time (R24): builds a <see cref="SchedulingRequest"/> from the meeting's participants —
/// their working hours, weekly network slot, busy times from their calendar feed or file and from
/// other Samspil meetings — the interpreter the citizen needs, the citizen's wishes and travel times,
/// and runs the pure <see cref="MeetingScheduler"/>. Also keeps professionals' availability and the
/// citizen's meeting wishes.
/// </summary>
public sealed partial class MeetingScheduling(
    SamspilDbContext db,
    CitizenDataAccess access,
    BusyTimeReader reader,
    IHttpClientFactory httpClients,
    TimeProvider time,
    IOptions<MeetingOptions> options,
    IStringLocalizer<SharedResource> localizer,
    ILogger<MeetingScheduling> logger)
{
    public const string FeedClient = "calendar-feeds";

    public async Task<SlotSearchView?> FindSlotsAsync(Guid meetingId, FindSlotsRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindMeetingForChangeAsync(meetingId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var (course, meeting) = record;
        var today = CopenhagenTime.Today(time);
        var fromDay = request.From ?? (meeting.DueFrom is { } due && due > today ? due : today);
        var toDay = request.To ?? (meeting.DueTo is { } end && end >= fromDay ? end : fromDay.AddDays(14));
        if (toDay < fromDay || toDay.DayNumber - fromDay.DayNumber > 56)
        {
            throw new DomainException("Scheduling.Window.Invalid", "to");
        }

        var minutes = request.DurationMinutes ?? (meeting.Start is { } s && meeting.End is { } e ? (int)(e - s).TotalMinutes : 60);
        if (minutes is < 15 or > 480)
        {
            throw new DomainException("Meeting.End.Invalid", "durationMinutes");
        }

        var windowStart = CopenhagenTime.StartOfDayUtc(fromDay);
        var windowEnd = CopenhagenTime.StartOfDayUtc(toDay.AddDays(1));
        var now = time.GetUtcNow();
        if (windowStart < now)
        {
            windowStart = now;
        }

        // A time whose agenda deadline has passed cannot be kept: the agenda could not go out in time. Once the
        // agenda is shared the deadline is met, and any time may be proposed.
        var notes = new List<string>();
        var o = options.Value;
        if (meeting.AgendaSharedAt is null)
        {
            var earliest = EarliestDayWithAgendaTime(today, o.AgendaWorkingDaysBefore);
            var earliestStart = CopenhagenTime.StartOfDayUtc(earliest);
            if (earliestStart > windowStart)
            {
                if (earliestStart >= windowEnd)
                {
                    throw new DomainException("Scheduling.Window.BeforeAgendaDeadline", "to");
                }

                windowStart = earliestStart;
                notes.Add(string.Format(CultureInfo.CurrentCulture, localizer["Scheduling.AgendaDeadlineNote"], earliest.ToString("d", CultureInfo.CurrentCulture), o.AgendaWorkingDaysBefore));
            }
        }

        var roles = await MemberDirectory.RolesOfAsync(db, course.Course.Members, cancellationToken);
        var professionals = new Dictionary<Guid, (string Key, string Name, bool Required)>();
        var participants = new List<SchedulingParticipant>();
        foreach (var p in meeting.Participants)
        {
            var member = course.Course.Members.FirstOrDefault(m => m.Id == p.MemberId);
            if (p.IsCitizen)
            {
                participants.Add(new SchedulingParticipant { Key = "citizen", DisplayName = course.Citizen.FullName, IsCitizen = true });
            }
            else if (member?.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var role))
            {
                // Everyone invited is needed: the network decides who comes by inviting them.
                professionals[role.Professional.Id] = (p.Id.ToString(), role.Professional.Name, true);
            }
            else if (member is not null)
            {
                participants.Add(new SchedulingParticipant { Key = p.Id.ToString(), DisplayName = member.PersonName ?? string.Empty });
            }
        }

        var availability = await db.ProfessionalAvailability.AsNoTracking().Where(a => professionals.Keys.Contains(a.ProfessionalId)).ToDictionaryAsync(a => a.ProfessionalId, cancellationToken);
        var samspilBusy = (await access.SamspilBusyTimesAsync(professionals.Keys, meeting.Id, windowStart.AddDays(-1), windowEnd.AddDays(1), cancellationToken))
            .Concat(await access.InterpreterBusyTimesAsync(professionals.Keys, meeting.Id, windowStart.AddDays(-1), windowEnd.AddDays(1), cancellationToken)) // issue 17
            .ToLookup(b => b.ProfessionalId);
        var slots = new List<WeeklyTimeRange>();
        foreach (var (professionalId, who) in professionals)
        {
            var a = availability.GetValueOrDefault(professionalId) ?? ProfessionalAvailability.Default(professionalId);
            var busy = samspilBusy[professionalId].Select(b => new DomainBusy(b.Start, b.End, b.Place)).ToList();
            busy.AddRange(await CalendarBusyAsync(a, who.Name, windowStart, windowEnd, notes, cancellationToken));
            participants.Add(new SchedulingParticipant { Key = who.Key, DisplayName = who.Name, Required = who.Required, WorkingHours = HoursOf(a), Busy = busy });
            if (a.NetworkSlotDay is { } day && a.NetworkSlotStart is { } slotStart && a.NetworkSlotEnd is { } slotEnd)
            {
                slots.Add(new WeeklyTimeRange(day, new LocalTimeRange(slotStart, slotEnd)));
            }
        }

        var interpreter = await InterpreterNeedAsync(course, meeting.Id, windowStart, windowEnd, notes, cancellationToken);
        var preferences = await access.PreferencesAsync(course.Course.Id, cancellationToken);
        var result = MeetingScheduler.FindSlots(new SchedulingRequest
        {
            From = windowStart,
            To = windowEnd,
            Duration = TimeSpan.FromMinutes(minutes),
            Format = meeting.Format,
            PlaceKey = meeting.Format == MeetingFormat.InPerson
                ? Guard.OptionalText(request.Location, 300, "Meeting.Location", "location") ?? meeting.Location ?? throw new DomainException("Meeting.Location.Required", "location")
                : null,
            Participants = participants,
            Interpreter = interpreter,
            NetworkSlots = slots.Distinct().ToList(),
            Preferences = preferences is null ? CitizenPreferences.None : new CitizenPreferences
            {
                AllowedTimesOfDay = preferences.AllowedFrom is { } af && preferences.AllowedTo is { } at ? [new LocalTimeRange(af, at)] : [],
                PreferredTimesOfDay = preferences.PreferredFrom is { } pf && preferences.PreferredTo is { } pt ? [new LocalTimeRange(pf, pt)] : [],
                MaxPeople = preferences.MaxPeople,
                PlacesToAvoid = preferences.PlacesToAvoid.ToList(),
            },
            TravelTimes = new TravelTimes(o.Travel.Select(t => new TravelTime(t.From, t.To, TimeSpan.FromMinutes(t.Minutes))), TimeSpan.FromMinutes(o.DefaultTravelMinutes)),
            MaxResults = 60,
        });

        var interpreterNames = interpreter?.Candidates.ToDictionary(c => c.Key, c => c.DisplayName) ?? [];
        access.Log.Record(course.Citizen.Id, InformationCategory.MeetingsAndMinutes, AccessAction.Read, "MeetingSlots", meeting.Id, course.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return new SlotSearchView(
            fromDay,
            toDay,
            minutes,
            result.CandidateCount,
            result.ValidCount,
            // The best time of each day, best days first: five real choices rather than five quarter-hours in a row.
            result.Slots.DistinctBy(slot => DateOnly.FromDateTime(slot.LocalStart.DateTime)).Take(5).Select(slot => new SlotView(
                slot.Start, slot.End, DateOnly.FromDateTime(slot.LocalStart.DateTime), TimeOnly.FromDateTime(slot.LocalStart.DateTime), slot.Score,
                slot.InNetworkSlot, slot.InPreferredTimeOfDay, slot.OptionalParticipantsAbsent,
                slot.AvailableInterpreters.Select(key => interpreterNames.GetValueOrDefault(key, key)).ToList(),
                slot.AvailableInterpreters.Select(key => Guid.TryParse(key, out var id) ? id : Guid.Empty).ToList())).ToList(),
            result.Blockers.Where(b => b.RulesOut > 0).Select(b => new BlockerView(
                b.Kind.ToString(), b.SubjectName, b.RulesOut, b.RulesOutAlone, b.RulesOut == result.CandidateCount,
                string.Format(CultureInfo.CurrentCulture, localizer[b.RulesOut == result.CandidateCount ? $"Scheduling.Blocker.{b.Kind}.All" : $"Scheduling.Blocker.{b.Kind}"], b.SubjectName, b.RulesOut, result.CandidateCount))).ToList(),
            notes);
    }

    /// <summary>The first day a meeting can be held with its agenda deadline (<paramref name="workingDays"/> working days before) still ahead or today.</summary>
    public static DateOnly EarliestDayWithAgendaTime(DateOnly today, int workingDays)
    {
        var day = today;
        while (WorkingDays.Before(day, workingDays) < today)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    public async Task<AvailabilityView> MyAvailabilityAsync(CancellationToken cancellationToken)
    {
        var professionalId = access.User.ProfessionalId ?? throw new DomainException("Availability.Forbidden");
        var a = await db.ProfessionalAvailability.AsNoTracking().SingleOrDefaultAsync(x => x.ProfessionalId == professionalId, cancellationToken) ?? ProfessionalAvailability.Default(professionalId);
        return View(a);
    }

    public async Task<AvailabilityView> SetMyAvailabilityAsync(AvailabilityRequest request, CancellationToken cancellationToken)
    {
        var professionalId = access.User.ProfessionalId ?? throw new DomainException("Availability.Forbidden");
        var a = await db.ProfessionalAvailability.SingleOrDefaultAsync(x => x.ProfessionalId == professionalId, cancellationToken);
        if (a is null)
        {
            a = ProfessionalAvailability.Default(professionalId);
            db.ProfessionalAvailability.Add(a);
        }

        if (!string.IsNullOrWhiteSpace(request.CalendarIcs))
        {
            try
            {
                reader.Read(request.CalendarIcs, time.GetUtcNow(), time.GetUtcNow().AddDays(1));
            }
            catch (CalendarFormatException)
            {
                throw new DomainException("Availability.Ics.Invalid", "calendarIcs");
            }
        }

        a.Set(
            new AvailabilitySpec(request.WorkDays, request.WorkStart, request.WorkEnd, request.NetworkSlotDay, request.NetworkSlotStart, request.NetworkSlotEnd,
                request.InterpreterLanguages, request.CalendarFeedUrl, request.RemoveCalendarFile ? null : request.CalendarIcs, KeepIcs: !request.RemoveCalendarFile && string.IsNullOrWhiteSpace(request.CalendarIcs)),
            time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return View(a);
    }

    public async Task<PreferencesView?> PreferencesAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.ReadCourseMeetingsAsync(courseId, cancellationToken) is null)
        {
            return null;
        }

        var p = await access.PreferencesAsync(courseId, cancellationToken);
        return p is null ? new PreferencesView(null, null, null, null, null, null) : new PreferencesView(p.AllowedFrom, p.AllowedTo, p.PreferredFrom, p.PreferredTo, p.MaxPeople, p.AvoidPlaces);
    }

    /// <summary>The citizen (or proxy) sets their own wishes; staff who may plan the course's meetings write them down for them.</summary>
    public async Task<PreferencesView?> SetPreferencesAsync(Guid courseId, PreferencesRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForMeetingsChangeAsync(courseId, cancellationToken);
        if (record is null)
        {
            db.ChangeTracker.Clear();
            var own = await access.ReadCourseMeetingsAsync(courseId, cancellationToken);
            if (own is null || own.Value.Course.Decision.BasisKind is not (AccessBasisKind.Self or AccessBasisKind.Proxy))
            {
                return null;
            }

            record = own.Value.Course;
        }

        var p = await access.PreferencesAsync(courseId, cancellationToken);
        if (p is null)
        {
            p = MeetingPreferences.For(courseId, record.Citizen.Id);
            db.MeetingPreferences.Add(p);
        }

        p.Set(request.AllowedFrom, request.AllowedTo, request.PreferredFrom, request.PreferredTo, request.MaxPeople, request.AvoidPlaces, time.GetUtcNow());
        access.Log.Record(record.Citizen.Id, InformationCategory.MeetingsAndMinutes, AccessAction.Update, "MeetingPreferences", courseId, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return new PreferencesView(p.AllowedFrom, p.AllowedTo, p.PreferredFrom, p.PreferredTo, p.MaxPeople, p.AvoidPlaces);
    }

    private static AvailabilityView View(ProfessionalAvailability a) =>
        new(a.WorkDays, a.WorkStart, a.WorkEnd, a.NetworkSlotDay, a.NetworkSlotStart, a.NetworkSlotEnd, a.InterpreterLanguages, a.CalendarFeedUrl, a.CalendarIcs is not null, a.UpdatedAt == default ? null : a.UpdatedAt);

    private static WeeklyHours HoursOf(ProfessionalAvailability a) =>
        WeeklyHours.Of(a.Days.Select(day => new WeeklyTimeRange(day, new LocalTimeRange(a.WorkStart, a.WorkEnd))));

    /// <summary>The interpreters for the citizen's language, when the citizen needs one.</summary>
    private async Task<InterpreterNeed?> InterpreterNeedAsync(CourseRecord course, Guid meetingId, DateTimeOffset from, DateTimeOffset to, List<string> notes, CancellationToken cancellationToken)
    {
        if (!course.Citizen.InterpreterNeeded || course.Citizen.InterpreterLanguage is not { } language)
        {
            return null;
        }

        var all = await db.ProfessionalAvailability.AsNoTracking().Where(a => a.InterpreterLanguages != null).ToListAsync(cancellationToken);
        var candidates = all.Where(a => a.Interprets(language)).ToList();
        var ids = candidates.Select(c => c.ProfessionalId).ToList();
        var names = await db.Professionals.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        // Issue 17: their bookings as interpreters block too, and this meeting's own booking does not.
        var samspilBusy = (await access.SamspilBusyTimesAsync(ids, meetingId, from.AddDays(-1), to.AddDays(1), cancellationToken))
            .Concat(await access.InterpreterBusyTimesAsync(ids, meetingId, from.AddDays(-1), to.AddDays(1), cancellationToken))
            .ToLookup(b => b.ProfessionalId);
        var interpreters = new List<SchedulingInterpreter>();
        foreach (var c in candidates)
        {
            var name = names.GetValueOrDefault(c.ProfessionalId, string.Empty);
            var busy = samspilBusy[c.ProfessionalId].Select(b => new DomainBusy(b.Start, b.End, b.Place)).ToList();
            busy.AddRange(await CalendarBusyAsync(c, name, from, to, notes, cancellationToken));
            interpreters.Add(new SchedulingInterpreter { Key = c.ProfessionalId.ToString(), DisplayName = name, Languages = [language], WorkingHours = HoursOf(c), Busy = busy });
        }

        return new InterpreterNeed(language, interpreters);
    }

    /// <summary>Busy times from an uploaded .ics file and from the calendar feed; a feed that cannot be read is noted, not fatal.</summary>
    private async Task<IEnumerable<DomainBusy>> CalendarBusyAsync(ProfessionalAvailability a, string name, DateTimeOffset from, DateTimeOffset to, List<string> notes, CancellationToken cancellationToken)
    {
        var busy = new List<CalendarBusy>();
        try
        {
            if (a.CalendarIcs is { } ics)
            {
                busy.AddRange(reader.Read(ics, from, to));
            }

            if (a.CalendarFeedUrl is { } url)
            {
                using var client = httpClients.CreateClient(FeedClient);
                using var response = await client.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                busy.AddRange(await reader.ReadAsync(stream, from, to, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is CalendarFormatException or HttpRequestException or TaskCanceledException or IOException)
        {
            LogFeedFailed(logger, a.ProfessionalId, ex.GetType().Name);
            notes.Add(string.Format(CultureInfo.CurrentCulture, localizer["Scheduling.CalendarUnreadable"], name));
        }

        return busy.Select(b => new DomainBusy(b.Start, b.End, b.Location));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar of professional {ProfessionalId} could not be read ({Failure})")]
    private static partial void LogFeedFailed(ILogger logger, Guid professionalId, string failure);
}
