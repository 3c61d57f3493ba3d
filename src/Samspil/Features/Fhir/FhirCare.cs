using System.Globalization;
using Hl7.Fhir.Model;
using Samspil.Domain.Courses;
using Samspil.Domain.Network;
using Samspil.Domain.Plans;
using Samspil.Features.Access;
using Samspil.Infrastructure.Time;
using CarePlan = Hl7.Fhir.Model.CarePlan;

namespace Samspil.Features.Fhir;

/// <summary>
/// How a course, its network and its shared plan are written as FHIR R4 (docs/fhir-mapping.md, "Care: EpisodeOfCare,
/// CareTeam, CarePlan, Goal, Task"). Pure mapping of records the access layer has already permitted and logged.
/// Ids: EpisodeOfCare and CareTeam carry the course's id (one network per course), CarePlan the plan's, Goal the goal's or
/// sub-goal's, Task the action's. Goal, Task and CarePlan share the plan's version as <c>meta.versionId</c> (the plan's
/// ETag: any change to the plan moves it).
/// </summary>
public static class FhirCare
{
    public const string StructureDefinitionBase = "https://samspil.dk/fhir/StructureDefinition/";
    public const string CodeSystemBase = "https://samspil.dk/fhir/CodeSystem/";

    public const string TargetGroupSystem = CodeSystemBase + "target-group";
    public const string CoursePhaseSystem = CodeSystemBase + "course-phase";
    public const string CollaborationRoleSystem = CodeSystemBase + "collaboration-role";
    public const string MemberKindSystem = CodeSystemBase + "member-kind";
    public const string ActionStatusSystem = CodeSystemBase + "action-status";

    public const string CoursePhaseUrl = StructureDefinitionBase + "course-phase";
    public const string MunicipalityUrl = StructureDefinitionBase + "responsible-municipality";
    public const string EpisodeOfCareUrl = StructureDefinitionBase + "episode-of-care";
    public const string MembershipEndReasonUrl = StructureDefinitionBase + "membership-end-reason";
    public const string PreviousMembershipUrl = StructureDefinitionBase + "previous-membership";
    public const string PriorityRankUrl = StructureDefinitionBase + "priority-rank";
    public const string ParentGoalUrl = StructureDefinitionBase + "parent-goal";
    public const string CitizenWordsLanguageUrl = StructureDefinitionBase + "citizen-words-language";
    public const string GoalRelationshipUrl = "http://hl7.org/fhir/StructureDefinition/goal-relationship";
    public const string GoalAchievementSystem = "http://terminology.hl7.org/CodeSystem/goal-achievement";
    public const string GoalRelationshipTypeSystem = "http://terminology.hl7.org/CodeSystem/goal-relationship-type";

    /// <summary>Samspil's action status as FHIR <c>Task.status</c> (and back, for a partner's write).</summary>
    public static Hl7.Fhir.Model.Task.TaskStatus ToFhir(ActionStatus status) => status switch
    {
        ActionStatus.Planned => Hl7.Fhir.Model.Task.TaskStatus.Requested,
        ActionStatus.InProgress => Hl7.Fhir.Model.Task.TaskStatus.InProgress,
        ActionStatus.Done => Hl7.Fhir.Model.Task.TaskStatus.Completed,
        ActionStatus.Cancelled => Hl7.Fhir.Model.Task.TaskStatus.Cancelled,
        _ => Hl7.Fhir.Model.Task.TaskStatus.OnHold,
    };

    /// <summary>The FHIR task statuses a partner may set, as Samspil statuses; null for the others (draft, accepted, failed …).</summary>
    public static ActionStatus? FromFhir(Hl7.Fhir.Model.Task.TaskStatus status) => status switch
    {
        Hl7.Fhir.Model.Task.TaskStatus.Requested => ActionStatus.Planned,
        Hl7.Fhir.Model.Task.TaskStatus.InProgress => ActionStatus.InProgress,
        Hl7.Fhir.Model.Task.TaskStatus.Completed => ActionStatus.Done,
        Hl7.Fhir.Model.Task.TaskStatus.Cancelled => ActionStatus.Cancelled,
        Hl7.Fhir.Model.Task.TaskStatus.OnHold => ActionStatus.Blocked,
        _ => null,
    };

    public static Goal.GoalLifecycleStatus ToFhir(GoalStatus status) => status switch
    {
        GoalStatus.Achieved => Goal.GoalLifecycleStatus.Completed,
        GoalStatus.Dropped => Goal.GoalLifecycleStatus.Cancelled,
        _ => Goal.GoalLifecycleStatus.Active,
    };

    public static EpisodeOfCare ToEpisodeOfCare(CourseRecord record, DateOnly today)
    {
        var course = record.Course;
        var episode = new EpisodeOfCare
        {
            Id = Id(course.Id),
            Meta = new Meta { VersionId = course.Version.ToString(CultureInfo.InvariantCulture) },
            Status = course.IsEnded(today) ? EpisodeOfCare.EpisodeOfCareStatus.Finished
                : course.StartDate > today ? EpisodeOfCare.EpisodeOfCareStatus.Planned
                : EpisodeOfCare.EpisodeOfCareStatus.Active,
            Type = [new CodeableConcept(TargetGroupSystem, course.TargetGroupCode)],
            Patient = PatientReference(record.Citizen.Id),
            Period = Period(course.StartDate, course.EndDate?.AddDays(-1)),
            Team = [new ResourceReference($"CareTeam/{Id(course.Id)}")],
        };
        episode.Extension.Add(new Extension(CoursePhaseUrl, new Coding(CoursePhaseSystem, course.Phase.ToString())));
        if ((course.RegionOrganizationId ?? course.MunicipalityOrganizationId) is { } managing)
        {
            episode.ManagingOrganization = new ResourceReference($"Organization/{Id(managing)}");
        }

        if (course.RegionOrganizationId is not null && course.MunicipalityOrganizationId is { } municipality)
        {
            episode.Extension.Add(new Extension(MunicipalityUrl, new ResourceReference($"Organization/{Id(municipality)}")));
        }

        return episode;
    }

    /// <summary>The course's network: one participant per membership period (a rejoin is a second participant).</summary>
    public static CareTeam ToCareTeam(CourseRecord record, DateOnly today)
    {
        var course = record.Course;
        var team = new CareTeam
        {
            Id = Id(course.Id),
            Meta = new Meta { VersionId = course.Version.ToString(CultureInfo.InvariantCulture) },
            Status = course.IsEnded(today) ? CareTeam.CareTeamStatus.Inactive : CareTeam.CareTeamStatus.Active,
            Subject = PatientReference(record.Citizen.Id),
            Period = Period(course.StartDate, course.EndDate?.AddDays(-1)),
        };
        team.Extension.Add(new Extension(EpisodeOfCareUrl, new ResourceReference($"EpisodeOfCare/{Id(course.Id)}")));
        foreach (var member in course.Members.OrderBy(m => m.ActiveFrom).ThenBy(m => m.RecordedAt))
        {
            var role = new CodeableConcept(CollaborationRoleSystem, member.Role.ToString()) { Text = member.RoleNote };
            role.Coding.Add(new Coding(MemberKindSystem, member.Kind.ToString()));
            var participant = new CareTeam.ParticipantComponent
            {
                ElementId = Id(member.Id),
                Role = [role],
                Member = Member(member),
                Period = Period(member.ActiveFrom, member.ActiveTo?.AddDays(-1)),
            };
            if (member.EndReason is { } reason)
            {
                participant.Extension.Add(new Extension(MembershipEndReasonUrl, new FhirString(reason)));
            }

            if (member.PreviousMembershipId is { } previous)
            {
                participant.Extension.Add(new Extension(PreviousMembershipUrl, new FhirString(Id(previous))));
            }

            team.Participant.Add(participant);
        }

        return team;
    }

    public static CarePlan ToCarePlan(PlanRecord record, DateOnly today)
    {
        var plan = record.Plan!;
        var course = record.Course.Course;
        var carePlan = new CarePlan
        {
            Id = Id(plan.Id),
            Meta = new Meta { VersionId = Version(plan), LastUpdated = plan.UpdatedAt },
            Status = course.IsEnded(today) ? RequestStatus.Completed : RequestStatus.Active,
            Intent = CarePlan.CarePlanIntent.Plan,
            Subject = PatientReference(record.CitizenId),
            Created = plan.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
            Period = Period(CopenhagenTime.DateOf(plan.CreatedAt), course.EndDate?.AddDays(-1)),
            CareTeam = [new ResourceReference($"CareTeam/{Id(course.Id)}")],
            Goal = [.. plan.OrderedGoals.SelectMany(g => g.OrderedSubGoals.Select(s => s.Id).Prepend(g.Id)).Select(id => new ResourceReference($"Goal/{Id(id)}"))],
            Activity = [.. plan.Actions.OrderBy(a => a.CreatedAt).Select(a => new CarePlan.ActivityComponent { Reference = new ResourceReference($"Task/{Id(a.Id)}") })],
        };
        carePlan.Extension.Add(new Extension(EpisodeOfCareUrl, new ResourceReference($"EpisodeOfCare/{Id(course.Id)}")));
        if (plan.CitizenStatement is { } statement)
        {
            var note = new Annotation { Text = new Markdown(statement) };
            if (plan.CitizenLanguage is { } language)
            {
                note.Extension.Add(new Extension(CitizenWordsLanguageUrl, new Code(language)));
            }

            carePlan.Note.Add(note);
        }

        return carePlan;
    }

    /// <summary>Every goal of a plan in priority order, each followed by its sub-goals (as Goals of their own).</summary>
    public static IEnumerable<Goal> ToGoals(PlanRecord record)
    {
        var plan = record.Plan!;
        var rank = 1;
        foreach (var goal in plan.OrderedGoals)
        {
            var fhir = new Goal
            {
                Id = Id(goal.Id),
                Meta = new Meta { VersionId = Version(plan) },
                LifecycleStatus = ToFhir(goal.Status),
                Description = new CodeableConcept { Text = goal.Title },
                Subject = PatientReference(record.CitizenId),
            };
            if (goal.Status == GoalStatus.Achieved)
            {
                fhir.AchievementStatus = new CodeableConcept(GoalAchievementSystem, "achieved");
            }

            fhir.Extension.Add(new Extension(PriorityRankUrl, new Integer(rank++)));
            if (goal.CitizenWish is { } wish)
            {
                fhir.Note.Add(new Annotation { Text = new Markdown(wish) });
            }

            foreach (var sub in goal.OrderedSubGoals)
            {
                fhir.Extension.Add(new Extension
                {
                    Url = GoalRelationshipUrl,
                    Extension =
                    [
                        new Extension("type", new CodeableConcept(GoalRelationshipTypeSystem, "milestone")),
                        new Extension("target", new ResourceReference($"Goal/{Id(sub.Id)}")),
                    ],
                });
            }

            yield return fhir;
            var subRank = 1;
            foreach (var sub in goal.OrderedSubGoals)
            {
                var child = new Goal
                {
                    Id = Id(sub.Id),
                    Meta = new Meta { VersionId = Version(plan) },
                    LifecycleStatus = sub.Done ? Goal.GoalLifecycleStatus.Completed : Goal.GoalLifecycleStatus.Active,
                    AchievementStatus = sub.Done ? new CodeableConcept(GoalAchievementSystem, "achieved") : null,
                    Description = new CodeableConcept { Text = sub.Text },
                    Subject = PatientReference(record.CitizenId),
                };
                child.Extension.Add(new Extension(PriorityRankUrl, new Integer(subRank++)));
                child.Extension.Add(new Extension(ParentGoalUrl, new ResourceReference($"Goal/{Id(goal.Id)}")));
                yield return child;
            }
        }
    }

    public static Hl7.Fhir.Model.Task ToTask(PlanRecord record, PlanAction action)
    {
        var plan = record.Plan!;
        var task = new Hl7.Fhir.Model.Task
        {
            Id = Id(action.Id),
            Meta = new Meta { VersionId = Version(plan), LastUpdated = plan.UpdatedAt },
            Status = ToFhir(action.Status),
            BusinessStatus = new CodeableConcept(ActionStatusSystem, action.Status.ToString()),
            Intent = Hl7.Fhir.Model.Task.TaskIntent.Plan,
            Description = action.Text,
            For = PatientReference(record.CitizenId),
            BasedOn = [new ResourceReference($"CarePlan/{Id(plan.Id)}")],
            AuthoredOn = action.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
            Restriction = new Hl7.Fhir.Model.Task.RestrictionComponent { Period = new Period { End = Date(action.DueDate) } },
        };
        if (action.GoalId is { } goalId)
        {
            task.Focus = new ResourceReference($"Goal/{Id(goalId)}");
        }

        if (action.BlockedReason is { } reason)
        {
            task.StatusReason = new CodeableConcept { Text = reason };
        }

        if (action.CompletedAt is { } completed)
        {
            task.ExecutionPeriod = new Period { End = completed.ToString("o", CultureInfo.InvariantCulture) };
        }

        if (action.OwnerIsCitizen)
        {
            task.Owner = PatientReference(record.CitizenId);
        }
        else if (record.Course.Course.Members.FirstOrDefault(m => m.Id == action.OwnerMemberId) is { } member)
        {
            task.Owner = Member(member);
        }

        return task;
    }

    /// <summary>A professional as their PractitionerRole; anyone else as a RelatedPerson-typed reference carrying only a display (Samspil keeps no RelatedPerson resource).</summary>
    public static ResourceReference Member(NetworkMember member) =>
        member.PractitionerRoleId is { } role
            ? new ResourceReference($"PractitionerRole/{Id(role)}")
            : new ResourceReference { Type = "RelatedPerson", Display = member.Relation is { } relation ? $"{member.PersonName} ({relation})" : member.PersonName };

    public static ResourceReference PatientReference(Guid citizenId) => new($"Patient/{Id(citizenId)}");

    public static string Id(Guid id) => id.ToString("D");

    public static bool TryParseId(string id, out Guid value) => Guid.TryParse(id, out value);

    private static string Version(Domain.Plans.CarePlan plan) => plan.Version.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Samspil's exclusive end as FHIR's inclusive one (the caller passes the last day). A period ended on the day it began
    /// (or a plan made on its course's last day) ends on its start: FHIR wants start ≤ end.
    /// </summary>
    private static Period Period(DateOnly start, DateOnly? lastDay) =>
        new() { Start = Date(start), End = lastDay is { } end ? Date(end < start ? start : end) : null };
}
