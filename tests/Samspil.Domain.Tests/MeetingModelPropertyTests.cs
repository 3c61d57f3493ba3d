using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Samspil.Domain.Common;
using Samspil.Domain.Courses;
using Samspil.Domain.Meetings;

namespace Samspil.Domain.Tests;

/// <summary>
/// Meeting models that follow the course (issue 17 point 3): the proposals of the shipped models and of random
/// models for random phase histories, expected ends of treatment, course ends and meetings already held.
/// </summary>
public sealed class MeetingModelPropertyTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private const int Horizon = 365;

    [Property(MaxTest = 300, Arbitrary = [typeof(ModelArbitraries)])]
    public bool Every_window_lies_after_its_trigger_and_nothing_is_proposed_before_the_course_starts(Scenario scenario)
    {
        foreach (var model in scenario.Models)
        {
            var proposals = model.FollowCourse(scenario.Course, scenario.StepDates, Horizon);
            foreach (var p in proposals)
            {
                if (p.DueFrom < p.Trigger || p.DueTo < p.DueFrom || p.DueFrom < scenario.Course.StartDate || p.Trigger != ExpectedTrigger(scenario, model, proposals, p))
                {
                    return false;
                }
            }

            // Steps whose trigger has happened propose; the others do not.
            var proposed = proposals.Select(p => p.Step).ToHashSet();
            for (var i = 0; i < model.Steps.Count; i++)
            {
                if (proposed.Contains(i) != (RawTrigger(scenario, model, proposals, i) is not null))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ModelArbitraries)])]
    public bool A_model_taken_into_use_late_catches_up_from_then_only_where_the_course_still_is(Scenario scenario, int late)
    {
        var since = scenario.Course.StartDate.AddDays(Math.Abs(late % 400));
        foreach (var model in scenario.Models)
        {
            var proposals = model.FollowCourse(scenario.Course, scenario.StepDates, Horizon, since);
            foreach (var p in proposals)
            {
                var raw = RawTrigger(scenario, model, proposals, p.Step);
                var stillThere = p.Spec.Trigger is MeetingTrigger.PhaseEntered or MeetingTrigger.PhaseLeft && scenario.Course.PhaseOn(since) == p.Spec.TriggerPhase;
                var expected = raw < since && stillThere ? since : raw < scenario.Course.StartDate ? scenario.Course.StartDate : raw;
                if (p.DueFrom < p.Trigger || p.DueFrom < scenario.Course.StartDate || p.Trigger != expected)
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ModelArbitraries)])]
    public bool Moving_the_end_of_treatment_moves_the_handover(Scenario scenario, int shift)
    {
        var days = Math.Abs(shift % 120);
        var entered = scenario.Course.LastEntered(CoursePhase.Treatment);
        if (scenario.Course.CurrentPhase != CoursePhase.Treatment || entered is null)
        {
            return true;
        }

        var expected = (entered.Value > scenario.Course.StartDate ? entered.Value : scenario.Course.StartDate).AddDays(days);
        var tvaerindsats = ShippedMeetingModels.All().Single(m => m.Key == "tvaerindsats");
        StepProposal Handover(DateOnly end) =>
            tvaerindsats.FollowCourse(scenario.Course with { ExpectedTreatmentEnd = end }, scenario.StepDates, Horizon).Single(p => p.Spec.Kind == MeetingKind.Handover);

        var before = Handover(expected);
        var after = Handover(expected.AddDays(30));
        return before.Trigger == expected && after.DueFrom == before.DueFrom.AddDays(30) && after.DueTo == before.DueTo.AddDays(30);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ModelArbitraries)])]
    public bool Tvaerindsats_proposes_a_preparatory_conversation_before_each_network_meeting(Scenario scenario)
    {
        var proposals = ShippedMeetingModels.All().Single(m => m.Key == "tvaerindsats").FollowCourse(scenario.Course, new Dictionary<int, DateOnly>(), Horizon);
        var network = proposals.Where(p => p.Spec.Kind == MeetingKind.Network).OrderBy(p => p.DueFrom).ToList();
        var preparatory = proposals.Where(p => p.Spec.Kind == MeetingKind.Preparatory).OrderBy(p => p.DueFrom).ToList();
        return network.Count == preparatory.Count
            && network.Zip(preparatory).All(pair => pair.Second.DueTo < pair.First.DueFrom)
            && preparatory.All(p => p.Spec.ParticipantRoles is [Network.CollaborationRole.Coordinator])
            && network.All(p => p.Spec.ParticipantRoles is null);
    }

    [Fact]
    public void The_joint_meeting_is_proposed_when_assessment_starts_and_the_network_meetings_when_treatment_starts()
    {
        var start = Today;
        var model = ShippedMeetingModels.All().Single(m => m.Key == "tvaerindsats");
        var assessment = new CourseTimeline(start, [new PhaseChange(start, null, CoursePhase.Detection), new PhaseChange(start.AddDays(10), CoursePhase.Detection, CoursePhase.Assessment)], null, null);
        var joint = Assert.Single(model.FollowCourse(assessment, new Dictionary<int, DateOnly>(), Horizon));
        Assert.Equal(MeetingKind.JointAssessment, joint.Spec.Kind);
        Assert.Equal(start.AddDays(10), joint.Trigger);

        var treatment = assessment with { Phases = [.. assessment.Phases, new PhaseChange(start.AddDays(60), CoursePhase.Assessment, CoursePhase.Treatment)] };
        var proposals = model.FollowCourse(treatment, new Dictionary<int, DateOnly>(), Horizon);
        Assert.Equal(7, proposals.Count); // everything but the handover, whose trigger (the end of treatment) is not known yet
        Assert.Equal(start.AddDays(60 + 35), proposals.Single(p => p.Step == 1).DueFrom);

        // Network meeting 1 took place early: meeting 2 and its preparatory conversation follow it.
        var held = new Dictionary<int, DateOnly> { [1] = start.AddDays(80) };
        var moved = model.FollowCourse(treatment with { ExpectedTreatmentEnd = start.AddDays(250) }, held, Horizon);
        Assert.Equal(start.AddDays(80 + 55), moved.Single(p => p.Step == 2).DueFrom);
        Assert.Equal(start.AddDays(80 + 28), moved.Single(p => p.Step == 5).DueFrom);
        Assert.Equal(start.AddDays(250), moved.Single(p => p.Spec.Kind == MeetingKind.Handover).DueFrom);

        // Treatment ended (left for referral) before the expected date: the handover follows the real end.
        var ended = treatment with { Phases = [.. treatment.Phases, new PhaseChange(start.AddDays(200), CoursePhase.Treatment, CoursePhase.Referral)], ExpectedTreatmentEnd = start.AddDays(250) };
        Assert.Equal(start.AddDays(200), model.FollowCourse(ended, held, Horizon).Single(p => p.Spec.Kind == MeetingKind.Handover).DueFrom);
    }

    [Fact]
    public void A_model_taken_into_use_on_a_course_in_treatment_proposes_the_coming_meetings_from_then()
    {
        // Assessment from day 10, treatment from day 40; Tværindsats is taken into use on day 150, still in treatment.
        var start = Today.AddDays(-150);
        var model = ShippedMeetingModels.All().Single(m => m.Key == "tvaerindsats");
        var course = new CourseTimeline(
            start,
            [new PhaseChange(start, null, CoursePhase.Detection), new PhaseChange(start.AddDays(10), CoursePhase.Detection, CoursePhase.Assessment), new PhaseChange(start.AddDays(40), CoursePhase.Assessment, CoursePhase.Treatment)],
            null,
            null);
        var proposals = model.FollowCourse(course, new Dictionary<int, DateOnly>(), Horizon, Today);

        // The preparatory conversation and network meeting 1 count from the day the model was taken into use, the rest follow.
        var preparatory = proposals.Single(p => p.Step == 0);
        Assert.Equal((Today, Today.AddDays(14)), (preparatory.DueFrom, preparatory.DueTo));
        Assert.Equal(Today.AddDays(35), proposals.Single(p => p.Step == 1).DueFrom);
        Assert.Equal(Today.AddDays(35 + 28), proposals.Single(p => p.Step == 5).DueFrom);
        Assert.Equal(Today.AddDays(35 + 55), proposals.Single(p => p.Step == 2).DueFrom);
        Assert.Equal(3, proposals.Count(p => p.Spec.Kind == MeetingKind.Preparatory));

        // The joint meeting after assessment keeps its own trigger (assessment began 140 days ago): its window is long past.
        var joint = proposals.Single(p => p.Spec.Kind == MeetingKind.JointAssessment);
        Assert.Equal(start.AddDays(10), joint.Trigger);
        Assert.True(joint.DueTo < Today);

        // Later the course leaves treatment: the proposals made from the day the model was taken into use stay where they are.
        var referred = course with { Phases = [.. course.Phases, new PhaseChange(Today.AddDays(100), CoursePhase.Treatment, CoursePhase.Referral)] };
        var later = model.FollowCourse(referred, new Dictionary<int, DateOnly>(), Horizon, Today);
        Assert.Equal(Today, later.Single(p => p.Step == 0).DueFrom);
        Assert.Equal(Today.AddDays(100), later.Single(p => p.Spec.Kind == MeetingKind.Handover).DueFrom);

        // An overdue expected end of treatment, the course still in treatment: the handover counts from then too.
        var overdue = model.FollowCourse(course with { ExpectedTreatmentEnd = Today.AddDays(-30) }, new Dictionary<int, DateOnly>(), Horizon, Today);
        Assert.Equal(Today, overdue.Single(p => p.Spec.Kind == MeetingKind.Handover).DueFrom);
    }

    [Fact]
    public void A_step_follows_only_an_earlier_step_and_a_phase_trigger_names_its_phase()
    {
        var step = new TemplateStep(MeetingKind.Network, "Møde", "Meeting", MeetingFormat.InPerson, 7, 14);
        Assert.Equal("steps[0].afterStep", Assert.Throws<DomainException>(() => MeetingTemplate.Create("m", "M", "M", [step with { Trigger = MeetingTrigger.AfterStep, AfterStep = 0 }])).Field);
        Assert.Equal("steps[1].afterStep", Assert.Throws<DomainException>(() => MeetingTemplate.Create("m", "M", "M", [step, step with { Trigger = MeetingTrigger.AfterStep, AfterStep = 2 }])).Field);
        Assert.Equal("steps[0].triggerPhase", Assert.Throws<DomainException>(() => MeetingTemplate.Create("m", "M", "M", [step with { Trigger = MeetingTrigger.PhaseLeft }])).Field);
        Assert.Equal("steps[0].trigger", Assert.Throws<DomainException>(() => MeetingTemplate.Create("m", "M", "M", [step with { Trigger = (MeetingTrigger)9 }])).Field);

        // Fields that do not belong to the trigger are dropped.
        var model = MeetingTemplate.Create("m", "M", "M", [step with { Trigger = MeetingTrigger.CourseEnd, TriggerPhase = CoursePhase.Treatment, AfterStep = 3 }]);
        Assert.Null(model.Steps[0].TriggerPhase);
        Assert.Null(model.Steps[0].AfterStep);
        Assert.True(model.FollowsCourse);
        Assert.Empty(model.Proposals(Today, Today.AddDays(365))); // not counted from the date the model is applied
    }

    /// <summary>The trigger as the test reads it from the scenario: the event's date, or the course start if that is later.</summary>
    private static DateOnly? ExpectedTrigger(Scenario scenario, MeetingTemplate model, IReadOnlyList<StepProposal> proposals, StepProposal p) =>
        RawTrigger(scenario, model, proposals, p.Step) is { } raw ? (raw < scenario.Course.StartDate ? scenario.Course.StartDate : raw) : null;

    private static DateOnly? RawTrigger(Scenario scenario, MeetingTemplate model, IReadOnlyList<StepProposal> proposals, int index)
    {
        var step = model.Steps[index];
        var phases = scenario.Course.Phases;
        var lastEntry = step.TriggerPhase is { } phase ? phases.Select((c, i) => (c, i)).LastOrDefault(x => x.c.To == phase) : default;
        return step.Trigger switch
        {
            MeetingTrigger.PhaseEntered when lastEntry.c is not null => lastEntry.c.On,
            MeetingTrigger.PhaseLeft when lastEntry.c is not null =>
                phases.Skip(lastEntry.i + 1).FirstOrDefault(c => c.To != step.TriggerPhase)?.On
                ?? (step.TriggerPhase == CoursePhase.Treatment && phases[^1].To == CoursePhase.Treatment && scenario.Course.ExpectedTreatmentEnd >= lastEntry.c.On ? scenario.Course.ExpectedTreatmentEnd : null),
            MeetingTrigger.CourseEnd => scenario.Course.EndDate,
            MeetingTrigger.AfterStep => scenario.StepDates.TryGetValue(step.AfterStep!.Value, out var held)
                ? held
                : proposals.FirstOrDefault(x => x.Step == step.AfterStep && x.Occurrence == 0)?.DueFrom,
            _ => null,
        };
    }

    public sealed record Scenario(CourseTimeline Course, IReadOnlyDictionary<int, DateOnly> StepDates, IReadOnlyList<MeetingTemplate> Models)
    {
        public override string ToString() =>
            $"start {Course.StartDate}, phases [{string.Join(", ", Course.Phases.Select(p => $"{p.On}:{p.To}"))}], expected end {Course.ExpectedTreatmentEnd}, end {Course.EndDate}, held [{string.Join(", ", StepDates.Select(d => $"{d.Key}:{d.Value}"))}], random model [{string.Join("; ", Models[^1].Steps.Select(s => $"{s.Trigger}/{s.TriggerPhase}/{s.AfterStep}+{s.OffsetDays}"))}]";
    }

    public static class ModelArbitraries
    {
        public static Arbitrary<Scenario> Scenarios() => ScenarioGen.ToArbitrary();

        private static Gen<CoursePhase> Phase => Gen.Elements(Enum.GetValues<CoursePhase>());

        private static Gen<CourseTimeline> Timelines =>
            from start in Gen.Choose(-400, 200).Select(d => Today.AddDays(d))
            from recorded in Gen.Choose(-30, 30)
            from first in Phase
            from moves in Gen.ListOf(Gen.Zip(Gen.Choose(0, 120), Phase)).Select(l => l.Take(6).ToList())
            from expected in Gen.Frequency((1, Gen.Constant<int?>(null)), (2, Gen.Choose(0, 500).Select(d => (int?)d)))
            from end in Gen.Frequency((3, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 700).Select(d => (int?)d)))
            select Timeline(start, start.AddDays(recorded), first, moves, expected, end);

        private static CourseTimeline Timeline(DateOnly start, DateOnly recorded, CoursePhase first, List<(int Days, CoursePhase To)> moves, int? expected, int? end)
        {
            var phases = new List<PhaseChange> { new(recorded, null, first) };
            foreach (var (days, to) in moves)
            {
                var current = phases[^1];
                if (to != current.To)
                {
                    phases.Add(new PhaseChange(current.On.AddDays(days), current.To, to));
                }
            }

            return new CourseTimeline(start, phases, expected is { } e ? start.AddDays(e) : null, end is { } x ? start.AddDays(x) : null);
        }

        private static Gen<Func<int, TemplateStep>> Steps =>
            from kind in Gen.Elements(Enum.GetValues<MeetingKind>())
            from trigger in Gen.Elements(Enum.GetValues<MeetingTrigger>())
            from phase in Phase
            from after in Gen.Choose(0, 100)
            from offset in Gen.Choose(0, 400)
            from window in Gen.Choose(0, 60)
            from repeat in Gen.Frequency((3, Gen.Constant<int?>(null)), (1, Gen.Choose(MeetingTemplate.MinRepeatDays, 200).Select(d => (int?)d)))
            select (Func<int, TemplateStep>)(index => new TemplateStep(
                kind, "Møde", "Meeting", MeetingFormat.InPerson, offset, window, repeat, null,
                index == 0 && trigger == MeetingTrigger.AfterStep ? MeetingTrigger.PhaseEntered : trigger, phase, index == 0 ? null : after % index));

        private static Gen<MeetingTemplate> RandomModels =>
            Gen.NonEmptyListOf(Steps).Select(l => MeetingTemplate.Create("random", "Tilfældig", "Random", l.Take(8).Select((f, i) => f(i)).ToList()));

        private static Gen<Scenario> ScenarioGen =>
            from course in Timelines
            from held in Gen.ListOf(Gen.Zip(Gen.Choose(0, 7), Gen.Choose(0, 400))).Select(l => l.Take(4).ToList())
            from random in RandomModels
            select new Scenario(
                course,
                held.GroupBy(h => h.Item1).ToDictionary(g => g.Key, g => course.StartDate.AddDays(g.First().Item2)),
                [.. ShippedMeetingModels.All(), random]);
    }
}
