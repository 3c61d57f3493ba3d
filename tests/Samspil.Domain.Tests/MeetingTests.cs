using Samspil.Domain.Common;
using Samspil.Domain.Meetings;

namespace Samspil.Domain.Tests;

public sealed class MeetingTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Moment Now = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), Today);
    private static readonly Guid Member = Guid.NewGuid();

    [Theory]
    [InlineData("2026-11-27", 3, "2026-11-24")] // Friday → Tuesday
    [InlineData("2026-11-30", 3, "2026-11-25")] // Monday → the Wednesday before, skipping the weekend
    [InlineData("2027-03-30", 3, "2027-03-22")] // Easter 2027: Thursday 25, Friday 26 and Monday 29 March are holidays
    [InlineData("2026-12-28", 2, "2026-12-22")] // 24, 25 and 26 December
    public void The_agenda_deadline_counts_Danish_working_days_back(string meeting, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WorkingDays.Before(DateOnly.Parse(meeting, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void Danish_holidays_are_not_working_days()
    {
        Assert.Equal(new DateOnly(2027, 3, 28), WorkingDays.EasterSunday(2027));
        Assert.Equal(new DateOnly(2026, 4, 5), WorkingDays.EasterSunday(2026));
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 5, 14))); // Kristi himmelfartsdag
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 6, 5))); // Grundlovsdag
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2026, 5, 1))); // Store Bededag is abolished from 2024
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2023, 5, 5))); // … but was a holiday in 2023
        Assert.Equal(new DateOnly(2026, 12, 28), WorkingDays.After(new DateOnly(2026, 12, 23), 1));
    }

    [Fact]
    public void A_template_proposes_its_steps_from_the_trigger_and_repeats_until_the_horizon()
    {
        var template = MeetingTemplate.Create("taskforce", "Task force", "Task force", [new TemplateStep(MeetingKind.TaskForce, "Møde", "Meeting", MeetingFormat.InPerson, 0, 14, RepeatEveryDays: 90)]);
        var proposals = template.Proposals(Today, Today.AddDays(365)).ToList();
        Assert.Equal(5, proposals.Count); // day 0, 90, 180, 270, 360
        Assert.Equal(Today.AddDays(360), proposals[^1].DueFrom);
        Assert.Equal(Today.AddDays(14), proposals[0].DueTo);
        Assert.Throws<DomainException>(() => MeetingTemplate.Create("x", "x", "x", [new TemplateStep(MeetingKind.TaskForce, "x", "x", MeetingFormat.Phone, 0, 7, RepeatEveryDays: 3)]));
    }

    [Fact]
    public void Updating_a_template_replaces_its_steps_raises_the_version_and_refuses_a_bad_step_whole()
    {
        var template = MeetingTemplate.Create("model", "Model", "Model", [new TemplateStep(MeetingKind.Network, "Møde", "Meeting", MeetingFormat.InPerson, 0, 14)], "ptsd-refugee");
        Assert.Equal(0, template.Version);

        template.Update(" Ny model ", "New model", [new TemplateStep(MeetingKind.Network, " Tovholdermøde ", "Coordinator meeting", MeetingFormat.Video, 7, 14, ParticipantRoles: [Network.CollaborationRole.Coordinator, Network.CollaborationRole.Coordinator])], ["ptsd-refugee", "ptsd-work"], active: true);
        Assert.Equal(1, template.Version);
        Assert.Equal("Ny model", template.NameDa);
        var step = Assert.Single(template.Steps);
        Assert.Equal("Tovholdermøde", step.TitleDa);
        Assert.Equal([Network.CollaborationRole.Coordinator], step.ParticipantRoles);
        Assert.True(template.IsDefaultFor("ptsd-work"));

        var bad = Assert.Throws<DomainException>(() => template.Update("X", "X", [step, step with { ParticipantRoles = [(Network.CollaborationRole)77] }], [], active: true));
        Assert.Equal("steps[1].participantRoles", bad.Field);
        Assert.Throws<DomainException>(() => template.Update("X", "X", [], [], active: true));
        Assert.Throws<DomainException>(() => template.Update("X", "X", [step with { OffsetDays = -1 }], [], active: true));
        Assert.Throws<DomainException>(() => MeetingTemplate.Create("Ugyldig nøgle", "X", "X", [step]));
        Assert.Equal(1, template.Version);
        Assert.Equal("Ny model", template.NameDa);
    }

    [Fact]
    public void Scheduling_sets_time_and_place_and_a_move_raises_the_invitation_sequence()
    {
        var meeting = NewMeeting();
        Assert.Equal("Meeting.Location.Required", Assert.Throws<DomainException>(() => meeting.Schedule(Now.Utc, Now.Utc.AddHours(1), MeetingFormat.InPerson, " ", null)).Code);
        Assert.Equal("Meeting.VideoLink.Invalid", Assert.Throws<DomainException>(() => meeting.Schedule(Now.Utc, Now.Utc.AddHours(1), MeetingFormat.Video, null, "javascript:alert(1)")).Code);
        Assert.Equal("Meeting.End.Invalid", Assert.Throws<DomainException>(() => meeting.Schedule(Now.Utc, Now.Utc.AddHours(9), MeetingFormat.Phone, null, null)).Code);

        meeting.Schedule(Now.Utc.AddDays(3), Now.Utc.AddDays(3).AddHours(1), MeetingFormat.Video, "ignored", "https://video.example.dk/1");
        Assert.Equal(MeetingStatus.Scheduled, meeting.Status);
        Assert.Null(meeting.Location);
        Assert.Equal(0, meeting.Sequence);
        meeting.Schedule(Now.Utc.AddDays(4), Now.Utc.AddDays(4).AddHours(1), MeetingFormat.InPerson, "Rådhuset", null);
        Assert.Equal(1, meeting.Sequence);
        meeting.Cancel("Borgeren er syg");
        Assert.Equal(2, meeting.Sequence);
        Assert.Equal("Meeting.Cancelled", Assert.Throws<DomainException>(() => meeting.ShareAgenda(Now)).Code);
    }

    [Fact]
    public void Participants_are_the_citizen_or_active_members_with_one_leader_and_one_minute_taker()
    {
        var meeting = NewMeeting();
        var other = Guid.NewGuid();
        HashSet<Guid> network = [Member, other];

        Assert.Equal("Meeting.Participant.NotInNetwork", Assert.Throws<DomainException>(() => meeting.SetParticipants([new ParticipantSpec(Guid.NewGuid(), false, MeetingRole.Participant, false)], network)).Code);
        Assert.Equal("Meeting.Participant.RoleTaken", Assert.Throws<DomainException>(() => meeting.SetParticipants([new(Member, false, MeetingRole.MeetingLeader, true), new(other, false, MeetingRole.MeetingLeader, false)], network)).Code);
        Assert.Equal("Meeting.Participant.Duplicate", Assert.Throws<DomainException>(() => meeting.SetParticipants([new(null, true, MeetingRole.Participant, false), new(null, true, MeetingRole.Participant, false)], network)).Code);

        meeting.SetParticipants([new(null, true, MeetingRole.Participant, false), new(Member, false, MeetingRole.MeetingLeader, true)], network);
        meeting.Schedule(Now.Utc.AddHours(-1), Now.Utc, MeetingFormat.Phone, null, null);
        var citizen = meeting.Participants.Single(p => p.IsCitizen);
        Assert.Equal("Meeting.Attendance.ProxyName.Required", Assert.Throws<DomainException>(() => meeting.RecordAttendance(citizen.Id, Attendance.RepresentedByProxy, null)).Code);
        meeting.RecordAttendance(citizen.Id, Attendance.RepresentedByProxy, "Søster");

        // Changing the list keeps attendance already recorded for those who stay.
        meeting.SetParticipants([new(null, true, MeetingRole.Participant, false), new(other, false, MeetingRole.MinuteTaker, false)], network);
        Assert.Equal(Attendance.RepresentedByProxy, meeting.Participants.Single(p => p.IsCitizen).Attendance);
    }

    [Fact]
    public void Minutes_are_written_after_the_meeting_and_are_final_once_approved()
    {
        var meeting = NewMeeting();
        Assert.Equal("Meeting.NotHeld", Assert.Throws<DomainException>(() => meeting.WriteMinutes("x", null)).Code);
        meeting.Schedule(Now.Utc.AddHours(1), Now.Utc.AddHours(2), MeetingFormat.Phone, null, null);
        Assert.Equal("Meeting.NotStarted", Assert.Throws<DomainException>(() => meeting.MarkHeld(Now)).Code);

        var later = Now with { Utc = Now.Utc.AddHours(3) };
        meeting.MarkHeld(later);
        Assert.Equal("Meeting.Minutes.Empty", Assert.Throws<DomainException>(() => meeting.ApproveMinutes(new Actor(Guid.NewGuid(), "Tovholder"), later)).Code);
        meeting.WriteMinutes("Referat", "Kort fortalt");
        meeting.AddAgreement("Ring til jobcentret", Member, false, Today.AddDays(7), Guid.NewGuid(), later);
        meeting.ApproveMinutes(new Actor(Guid.NewGuid(), "Tovholder"), later);
        Assert.Equal("Tovholder", meeting.MinutesApprovedByName);
        Assert.Equal("Meeting.Minutes.Approved", Assert.Throws<DomainException>(() => meeting.WriteMinutes("ændret", null)).Code);

        // The minutes deadline counts working days from the day it was held (Monday 23 → Wednesday 25 November).
        Assert.Equal(new DateOnly(2026, 11, 25), meeting.MinutesDeadline(2, at => DateOnly.FromDateTime(at.UtcDateTime)));
    }

    [Fact]
    public void An_agenda_is_shared_only_with_a_purpose_or_an_accepted_point()
    {
        var meeting = NewMeeting();
        meeting.AddAgendaPoint("Borgerens forslag", "Borger", accepted: false, Now);
        Assert.Equal("Meeting.Agenda.Empty", Assert.Throws<DomainException>(() => meeting.ShareAgenda(Now)).Code);
        meeting.AcceptAgendaPoint(meeting.Agenda[0].Id);
        meeting.ShareAgenda(Now);
        Assert.Equal(Now.Utc, meeting.AgendaSharedAt);
    }

    private static Meeting NewMeeting() =>
        Meeting.Create(new NewMeeting(Guid.NewGuid(), Guid.NewGuid(), MeetingKind.Network, "Netværksmøde", MeetingFormat.InPerson, Today, Today.AddDays(14)), Now);
}
