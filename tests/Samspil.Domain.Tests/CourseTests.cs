using Samspil.Domain.Common;
using Samspil.Domain.Courses;
using Samspil.Domain.Network;

namespace Samspil.Domain.Tests;

public sealed class CourseTests
{
    private static readonly Actor Caseworker = new(Guid.NewGuid(), "Sagsbehandler");
    private static readonly DateOnly Start = new(2026, 1, 5);
    private static readonly Moment StartMoment = At(Start);
    private static readonly CitizenAgreement Agreed = new(Start, AgreementMethod.InPerson, null);

    [Fact]
    public void Given_a_new_course_Then_its_first_phase_is_recorded_with_who_and_when()
    {
        var course = NewCourse();

        var first = Assert.Single(course.PhaseTransitions);
        Assert.Null(first.FromPhase);
        Assert.Equal(CoursePhase.Assessment, first.ToPhase);
        Assert.Equal(Caseworker.UserId, first.ChangedByUserId);
        Assert.Equal("Sagsbehandler", first.ChangedByName);
        Assert.Equal(StartMoment.Utc, first.At);
    }

    [Fact]
    public void Given_a_course_When_the_phase_changes_forward_and_back_Then_every_transition_is_dated_and_attributed()
    {
        var course = NewCourse();
        var clinician = new Actor(Guid.NewGuid(), "Behandler");

        course.ChangePhase(CoursePhase.Treatment, clinician, At(Start.AddDays(30)), "Behandling starter");
        course.ChangePhase(CoursePhase.Assessment, clinician, At(Start.AddDays(40)), "Fornyet udredning");

        Assert.Equal(CoursePhase.Assessment, course.Phase);
        Assert.Equal(3, course.PhaseTransitions.Count);
        var last = course.PhaseTransitions[^1];
        Assert.Equal(CoursePhase.Treatment, last.FromPhase);
        Assert.Equal("Behandler", last.ChangedByName);
        Assert.Equal("Fornyet udredning", last.Note);
    }

    [Fact]
    public void Treatment_starts_at_the_first_treatment_phase_and_a_renewed_treatment_phase_does_not_move_it()
    {
        var course = NewCourse();
        Assert.Null(course.TreatmentStartedAt);

        course.ChangePhase(CoursePhase.Treatment, Caseworker, At(Start.AddDays(30)), null);
        course.ChangePhase(CoursePhase.Assessment, Caseworker, At(Start.AddDays(40)), null);
        course.ChangePhase(CoursePhase.Treatment, Caseworker, At(Start.AddDays(50)), null);

        Assert.Equal(At(Start.AddDays(30)).Utc, course.TreatmentStartedAt);
    }

    [Fact]
    public void A_course_recorded_in_the_treatment_phase_has_started_treatment_and_the_first_time_the_municipality_was_told_counts()
    {
        var course = Course.Start(new NewCourse(Guid.NewGuid(), "ptsd-refugee", CoursePhase.Treatment, Start, null, Guid.NewGuid(), Guid.NewGuid(), null), Caseworker, StartMoment);

        course.RecordMunicipalityTold(At(Start.AddDays(2)).Utc);
        course.RecordMunicipalityTold(At(Start.AddDays(5)).Utc);

        Assert.Equal(StartMoment.Utc, course.TreatmentStartedAt);
        Assert.Equal(At(Start.AddDays(2)).Utc, course.MunicipalityToldAt);
    }

    [Fact]
    public void Changing_to_the_same_phase_is_refused()
    {
        var course = NewCourse();
        var ex = Assert.Throws<DomainException>(() => course.ChangePhase(CoursePhase.Assessment, Caseworker, At(Start.AddDays(1)), null));
        Assert.Equal("Course.Phase.Unchanged", ex.Code);
        Assert.Single(course.PhaseTransitions);
    }

    [Fact]
    public void An_undefined_phase_value_is_refused()
    {
        var course = NewCourse();
        Assert.Throws<DomainException>(() => course.ChangePhase((CoursePhase)42, Caseworker, At(Start.AddDays(1)), null));
    }

    [Fact]
    public void A_course_needs_a_responsible_organisation_in_region_or_municipality()
    {
        var ex = Assert.Throws<DomainException>(() => Course.Start(
            new NewCourse(Guid.NewGuid(), "ptsd-refugee", CoursePhase.Detection, Start, null, null, null, null), Caseworker, StartMoment));
        Assert.Equal("Course.ResponsibleOrganization.Required", ex.Code);
    }

    [Fact]
    public void Given_an_ended_course_Then_it_cannot_change_and_its_members_have_left()
    {
        var course = NewCourse();
        var member = course.AddMember(Professional(Guid.NewGuid(), CollaborationRole.Coordinator), Caseworker, StartMoment);
        var endDate = Start.AddDays(100);

        course.End(endDate, At(endDate));

        Assert.Equal(endDate, member.ActiveTo);
        Assert.Equal("Course.Ended", member.EndReason);
        var ex = Assert.Throws<DomainException>(() => course.ChangePhase(CoursePhase.AfterCare, Caseworker, At(endDate.AddDays(1)), null));
        Assert.Equal("Course.Ended", ex.Code);
        Assert.Throws<DomainException>(() => course.AddMember(Professional(Guid.NewGuid(), CollaborationRole.Other), Caseworker, At(endDate.AddDays(1))));
    }

    [Fact]
    public void A_course_cannot_end_before_it_started()
    {
        var course = NewCourse();
        var ex = Assert.Throws<DomainException>(() => course.End(Start.AddDays(-1), StartMoment));
        Assert.Equal("Course.EndDate.BeforeStart", ex.Code);
        Assert.Null(course.EndDate);
    }

    [Fact]
    public void Only_one_active_coordinator_at_a_time()
    {
        var course = NewCourse();
        course.AddMember(Professional(Guid.NewGuid(), CollaborationRole.Coordinator), Caseworker, StartMoment);

        var ex = Assert.Throws<DomainException>(() => course.AddMember(Professional(Guid.NewGuid(), CollaborationRole.Coordinator), Caseworker, StartMoment));

        Assert.Equal("Network.Coordinator.AlreadyExists", ex.Code);
        Assert.Single(course.Members);
    }

    [Fact]
    public void The_same_professional_role_cannot_be_active_twice()
    {
        var course = NewCourse();
        var roleId = Guid.NewGuid();
        course.AddMember(Professional(roleId, CollaborationRole.Other), Caseworker, StartMoment);

        var ex = Assert.Throws<DomainException>(() => course.AddMember(Professional(roleId, CollaborationRole.MeetingLeader), Caseworker, StartMoment));
        Assert.Equal("Network.Member.AlreadyActive", ex.Code);
    }

    [Fact]
    public void Given_a_member_who_left_When_they_rejoin_Then_both_periods_are_kept_and_linked()
    {
        var course = NewCourse();
        var roleId = Guid.NewGuid();
        var first = course.AddMember(Professional(roleId, CollaborationRole.Coordinator), Caseworker, StartMoment);
        var left = Start.AddDays(20);
        course.EndMembership(first.Id, left, "Barsel", At(left));

        Assert.False(first.IsActiveOn(left));
        Assert.True(first.IsActiveOn(left.AddDays(-1)));

        var back = Start.AddDays(60);
        var second = course.Rejoin(first.Id, back, Agreed with { AgreedOn = back }, null, Caseworker, At(back));

        Assert.Equal(2, course.Members.Count);
        Assert.Equal(first.Id, second.PreviousMembershipId);
        Assert.Equal(roleId, second.PractitionerRoleId);
        Assert.Equal(CollaborationRole.Coordinator, second.Role);
        Assert.Equal(left, first.ActiveTo);
        Assert.Equal("Barsel", first.EndReason);
        Assert.True(second.IsActiveOn(back));
    }

    [Fact]
    public void Rejoining_overlapping_the_earlier_period_is_refused()
    {
        var course = NewCourse();
        var first = course.AddMember(Professional(Guid.NewGuid(), CollaborationRole.Other), Caseworker, StartMoment);
        var ex = Assert.Throws<DomainException>(() => course.Rejoin(first.Id, Start.AddDays(3), Agreed, null, Caseworker, At(Start.AddDays(3))));
        Assert.Equal("Network.Rejoin.StillActive", ex.Code);
    }

    [Fact]
    public void Ending_a_membership_twice_or_before_it_began_is_refused()
    {
        var course = NewCourse();
        var member = course.AddMember(Professional(Guid.NewGuid(), CollaborationRole.Other), Caseworker, StartMoment);
        Assert.Equal("Network.EndDate.BeforeStart", Assert.Throws<DomainException>(() => course.EndMembership(member.Id, Start.AddDays(-1), null, StartMoment)).Code);
        course.EndMembership(member.Id, Start.AddDays(2), null, At(Start.AddDays(2)));
        Assert.Equal("Network.Member.AlreadyEnded", Assert.Throws<DomainException>(() => course.EndMembership(member.Id, Start.AddDays(3), null, At(Start.AddDays(3)))).Code);
    }

    [Fact]
    public void Every_member_needs_the_citizens_agreement()
    {
        var course = NewCourse();
        var spec = Professional(Guid.NewGuid(), CollaborationRole.Other) with { Agreement = null };
        Assert.Equal("Network.Agreement.Required", Assert.Throws<DomainException>(() => course.AddMember(spec, Caseworker, StartMoment)).Code);
    }

    [Fact]
    public void An_agreement_dated_in_the_future_is_refused()
    {
        var course = NewCourse();
        var spec = Professional(Guid.NewGuid(), CollaborationRole.Other) with { Agreement = Agreed with { AgreedOn = Start.AddDays(1) } };
        Assert.Equal("Network.Agreement.InFuture", Assert.Throws<DomainException>(() => course.AddMember(spec, Caseworker, StartMoment)).Code);
    }

    [Fact]
    public void Relatives_are_added_by_name_and_professionals_by_role()
    {
        var course = NewCourse();
        var relative = course.AddMember(
            new NewNetworkMember(MemberKind.Relative, null, "  Aisha  ", "datter", "+45 12345678", null, CollaborationRole.Proxy, null, Start, Agreed),
            Caseworker,
            StartMoment);
        Assert.Equal("Aisha", relative.PersonName);
        Assert.Null(relative.PractitionerRoleId);

        Assert.Equal("Network.PersonName.Required", Assert.Throws<DomainException>(() => course.AddMember(
            new NewNetworkMember(MemberKind.Friend, null, " ", null, null, null, CollaborationRole.Other, null, Start, Agreed), Caseworker, StartMoment)).Code);
        Assert.Equal("Network.PractitionerRole.Required", Assert.Throws<DomainException>(() => course.AddMember(
            new NewNetworkMember(MemberKind.Professional, null, "Navn", null, null, null, CollaborationRole.Other, null, Start, Agreed), Caseworker, StartMoment)).Code);
        Assert.Equal("Network.Role.IpsConsultantMustBeProfessional", Assert.Throws<DomainException>(() => course.AddMember(
            new NewNetworkMember(MemberKind.Volunteer, null, "Mentor", null, null, null, CollaborationRole.IpsConsultant, null, Start, Agreed), Caseworker, StartMoment)).Code);
    }

    [Fact]
    public void A_member_cannot_join_before_the_course_started()
    {
        var course = NewCourse();
        var spec = Professional(Guid.NewGuid(), CollaborationRole.Other) with { ActiveFrom = Start.AddDays(-1) };
        Assert.Equal("Network.ActiveFrom.BeforeCourseStart", Assert.Throws<DomainException>(() => course.AddMember(spec, Caseworker, StartMoment)).Code);
    }

    private static Course NewCourse() => Course.Start(
        new NewCourse(Guid.NewGuid(), "ptsd-refugee", CoursePhase.Assessment, Start, null, Guid.NewGuid(), Guid.NewGuid(), null),
        Caseworker,
        StartMoment);

    private static NewNetworkMember Professional(Guid roleId, CollaborationRole role) =>
        new(MemberKind.Professional, roleId, null, null, null, null, role, null, Start, Agreed);

    private static Moment At(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), day);
}
