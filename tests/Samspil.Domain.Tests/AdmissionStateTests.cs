using Samspil.Domain.Admissions;

namespace Samspil.Domain.Tests;

public sealed class AdmissionStateTests
{
    private static readonly Guid Citizen = Guid.NewGuid();
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero); // 10:00 in Denmark

    [Theory]
    [InlineData("admit-inpatient", null, false, HospitalEventKind.Admission, HospitalMessageAction.New, "STIN")]
    [InlineData("revise-admit-inpatient", null, false, HospitalEventKind.Admission, HospitalMessageAction.Correction, "RE_STIN")]
    [InlineData("cancel-admit-inpatient", null, false, HospitalEventKind.Admission, HospitalMessageAction.Cancellation, "AN_STIN")]
    [InlineData("admit-emergency", null, false, HospitalEventKind.AcuteAmbulantStart, HospitalMessageAction.New, "STAA")]
    [InlineData("revise-admit-emergency", null, false, HospitalEventKind.AcuteAmbulantStart, HospitalMessageAction.Correction, "RE_STAA")]
    [InlineData("cancel-admit-emergency", null, false, HospitalEventKind.AcuteAmbulantStart, HospitalMessageAction.Cancellation, "AN_STAA")]
    [InlineData("start-leave-inpatient", null, false, HospitalEventKind.LeaveStart, HospitalMessageAction.New, "STOR")]
    [InlineData("revise-start-leave-inpatient", null, false, HospitalEventKind.LeaveStart, HospitalMessageAction.Correction, "RE_STOR")]
    [InlineData("cancel-start-leave-inpatient", null, false, HospitalEventKind.LeaveStart, HospitalMessageAction.Cancellation, "AN_STOR")]
    [InlineData("end-leave-inpatient", null, false, HospitalEventKind.LeaveEnd, HospitalMessageAction.New, "SLOR")]
    [InlineData("revise-end-leave-inpatient", null, false, HospitalEventKind.LeaveEnd, HospitalMessageAction.Correction, "RE_SLOR")]
    [InlineData("cancel-end-leave-inpatient", null, false, HospitalEventKind.LeaveEnd, HospitalMessageAction.Cancellation, "AN_SLOR")]
    [InlineData("discharge-inpatient-home", null, false, HospitalEventKind.Discharge, HospitalMessageAction.New, "SLHJ")]
    [InlineData("discharge-emergency-home", false, false, HospitalEventKind.Discharge, HospitalMessageAction.New, "SLHJ")]
    [InlineData("revise-discharge-emergency-home", null, false, HospitalEventKind.Discharge, HospitalMessageAction.Correction, "RE_SLHJ")]
    [InlineData("cancel-discharge-inpatient-home", null, false, HospitalEventKind.Discharge, HospitalMessageAction.Cancellation, "AN_SLHJ")]
    [InlineData("admit-inpatient", true, false, HospitalEventKind.Deceased, HospitalMessageAction.New, "MORS")]
    [InlineData("admit-inpatient", true, true, HospitalEventKind.Deceased, HospitalMessageAction.Correction, "RE_MORS")]
    [InlineData("admit-inpatient", false, true, HospitalEventKind.Deceased, HospitalMessageAction.Cancellation, "AN_MORS")]
    [InlineData("cancel-discharge-inpatient-home", false, true, HospitalEventKind.Discharge, HospitalMessageAction.Cancellation, "AN_SLHJ")]
    public void Each_MedCom_activity_maps_to_its_Danish_event_code(string activity, bool? deceased, bool deathStands, HospitalEventKind kind, HospitalMessageAction action, string code)
    {
        var classification = HospitalNotificationCodes.Classify(activity, deceased, deathStands);

        Assert.NotNull(classification);
        Assert.Equal(kind, classification.Kind);
        Assert.Equal(action, classification.Action);
        Assert.Equal(code, classification.DanishCode);
    }

    [Fact]
    public void An_unknown_activity_is_not_classified() => Assert.Null(HospitalNotificationCodes.Classify("admit-to-the-moon", null, false));

    [Fact]
    public void Admitted_while_the_stay_is_open_including_leave_and_not_after_discharge_or_death()
    {
        var admitted = Event(HospitalEventKind.Admission, Monday);
        var leave = Event(HospitalEventKind.LeaveStart, Monday.AddDays(1));
        var back = Event(HospitalEventKind.LeaveEnd, Monday.AddDays(2));
        var discharged = Event(HospitalEventKind.Discharge, Monday.AddDays(3));

        Assert.False(AdmissionState.Of([]).Admitted);
        Assert.True(AdmissionState.Of([admitted]).Admitted);
        var onLeave = AdmissionState.Of([admitted, leave]);
        Assert.True(onLeave.Admitted);
        Assert.True(onLeave.OnLeave);
        Assert.False(AdmissionState.Of([admitted, leave, back]).OnLeave);
        Assert.False(AdmissionState.Of([admitted, leave, back, discharged]).Admitted);

        var death = Event(HospitalEventKind.Deceased, Monday.AddDays(1));
        var dead = AdmissionState.Of([admitted, death]);
        Assert.False(dead.Admitted);
        Assert.True(dead.Deceased);
    }

    [Fact]
    public void Withdrawn_and_superseded_events_do_not_count_and_the_order_they_arrived_in_does_not_matter()
    {
        var admitted = Event(HospitalEventKind.Admission, Monday);
        var discharged = Event(HospitalEventKind.Discharge, Monday.AddDays(2));
        discharged.Withdraw("cancel", Monday.AddDays(2));

        Assert.True(AdmissionState.Of([discharged, admitted]).Admitted); // the discharge was cancelled

        var lateAdmission = Event(HospitalEventKind.Admission, Monday, episode: "other");
        var earlyDischarge = Event(HospitalEventKind.Discharge, Monday.AddHours(5), episode: "other");
        Assert.False(AdmissionState.Of([earlyDischarge, lateAdmission]).Admitted); // arrived out of order, decided by when it happened

        lateAdmission.Supersede("revise", Monday);
        Assert.False(AdmissionState.Of([lateAdmission]).Admitted);
        Assert.Throws<Common.DomainException>(() => lateAdmission.Withdraw("again", Monday));
    }

    [Fact]
    public void Two_stays_one_still_open_means_admitted()
    {
        var first = Event(HospitalEventKind.Admission, Monday, episode: "a");
        var firstEnd = Event(HospitalEventKind.Discharge, Monday.AddDays(1), episode: "a");
        var second = Event(HospitalEventKind.AcuteAmbulantStart, Monday.AddDays(2), episode: "b");

        var state = AdmissionState.Of([first, firstEnd, second]);

        Assert.True(state.Admitted);
        Assert.Equal(HospitalEventKind.AcuteAmbulantStart, state.CurrentStayLatest?.Kind);
    }

    [Theory]
    [InlineData("2026-11-16T07:00:00Z", false)] // Monday 08:00 in Denmark: daytime starts
    [InlineData("2026-11-16T06:59:59Z", true)]  // Monday 07:59:59
    [InlineData("2026-11-16T14:59:59Z", false)] // Monday 15:59:59
    [InlineData("2026-11-16T15:00:00Z", true)]  // Monday 16:00 is outside
    [InlineData("2026-11-20T18:30:00Z", true)]  // Friday evening
    [InlineData("2026-11-21T10:00:00Z", true)]  // Saturday morning
    [InlineData("2026-11-22T10:00:00Z", true)]  // Sunday
    [InlineData("2026-06-15T06:30:00Z", false)] // summer time: Monday 08:30
    public void Discharge_outside_daytime_follows_the_screening_definition(string instant, bool outside) =>
        Assert.Equal(outside, AdmissionState.IsOutsideDaytime(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    private static HospitalEvent Event(HospitalEventKind kind, DateTimeOffset at, string episode = "stay") =>
        HospitalEvent.Record(
            new NewHospitalEvent(Citizen, Guid.NewGuid(), Guid.NewGuid().ToString(), kind, HospitalStayClass.Inpatient, episode, at, Monday, null, "Sengeafsnit P1", null, null),
            at);
}
