using Samspil.Domain.Common;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;

namespace Samspil.Domain.Tests;

/// <summary>The citizen's word on a meeting and who can decide for a sector (issue 17 point 5, R18, R38).</summary>
public sealed class MeetingPeopleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Louise = new(Guid.NewGuid(), "Louise");

    private static Meeting NewMeeting() =>
        Meeting.Create(new NewMeeting(Guid.NewGuid(), Guid.NewGuid(), MeetingKind.Network, "Netværksmøde", MeetingFormat.Phone, null, null), new Moment(Now, new DateOnly(2026, 11, 22)));

    [Fact]
    public void A_member_comes_instead_only_when_they_are_on_the_active_network()
    {
        var meeting = NewMeeting();
        var daughter = Guid.NewGuid();
        var notice = MeetingCitizenNotice.For(meeting.Id, meeting.CitizenId);

        Assert.Equal("MeetingPeople.StandIn.Invalid", Assert.Throws<DomainException>(() => notice.Say(meeting, CitizenIntent.MemberComesInstead, Guid.NewGuid(), new HashSet<Guid> { daughter }, Louise, Now)).Code);
        Assert.Equal("MeetingPeople.StandIn.Invalid", Assert.Throws<DomainException>(() => notice.Say(meeting, CitizenIntent.MemberComesInstead, null, new HashSet<Guid> { daughter }, Louise, Now)).Code);
        Assert.Equal("MeetingPeople.StandIn.OnlyWhenSomeoneComes", Assert.Throws<DomainException>(() => notice.Say(meeting, CitizenIntent.WillNotCome, daughter, new HashSet<Guid> { daughter }, Louise, Now)).Code);
        Assert.Equal("MeetingPeople.Intent.Invalid", Assert.Throws<DomainException>(() => notice.Say(meeting, CitizenIntent.NotSaid, null, new HashSet<Guid>(), Louise, Now)).Code);
        Assert.Equal("MeetingPeople.Intent.Invalid", Assert.Throws<DomainException>(() => notice.Say(meeting, (CitizenIntent)42, null, new HashSet<Guid>(), Louise, Now)).Code);

        notice.Say(meeting, CitizenIntent.MemberComesInstead, daughter, new HashSet<Guid> { daughter }, Louise, Now);
        Assert.Equal(daughter, notice.StandInMemberId);
        Assert.Equal("Louise", notice.SaidByName);

        meeting.Cancel("Syg");
        Assert.Equal("Meeting.Cancelled", Assert.Throws<DomainException>(() => notice.Say(meeting, CitizenIntent.Comes, null, new HashSet<Guid>(), Louise, Now)).Code);
    }

    [Fact]
    public void A_sector_on_the_agenda_has_a_decider_only_in_a_present_participant_from_that_sector_marked_as_able_to_decide()
    {
        var agenda = new[] { Sector.Region, Sector.Municipality, Sector.GeneralPractice };
        var participants = new[]
        {
            new DeciderCandidate(null, true, false),                   // the citizen decides for no sector
            new DeciderCandidate(Sector.Municipality, true, false),    // the caseworker can decide
            new DeciderCandidate(Sector.Region, false, false),         // the clinician is there but may not decide
            new DeciderCandidate(Sector.GeneralPractice, true, true),  // the GP could decide but is absent
        };

        Assert.Equal([Sector.Region, Sector.GeneralPractice], DeciderCheck.SectorsWithoutDecider(agenda, participants));
        Assert.Empty(DeciderCheck.SectorsWithoutDecider([], participants));
    }
}
