using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Courses;
using Samspil.Domain.Family;
using Samspil.Domain.MasterData;
using Samspil.Domain.Meetings;
using Samspil.Domain.Network;
using Samspil.Domain.Plans;
using Samspil.Domain.Work;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 17 point 11: the demo's story courses carry the seeds' key facts (docs/demo-data.md, "Stories"), and the story's
/// logins reach them. Louise (003) has three children, support cut to 20 hours and a paused job-centre action; Abby's course
/// moved municipality; Bashir's Tværindsats course has three network meetings with minutes, preparatory conversations, an
/// interpreter and an IPS job start; Martin's veteran course has the veteran coordinator; Mariam's plan is her own.
/// </summary>
public abstract class DemoStoriesTests(SamspilFactory factory)
{
    [Fact]
    public async Task Louise_has_three_children_support_cut_to_twenty_hours_a_paused_job_centre_action_and_a_task_force()
    {
        var courseId = await CourseOfAsync("Louise");
        var children = await factory.WithDbAsync(db => db.CourseChildren.Where(c => c.CourseId == courseId).ToListAsync());
        Assert.Equal(3, children.Count);
        Assert.Equal(2, children.Count(c => c.AgeBand == ChildAgeBand.From7To12));
        Assert.Single(children, c => c.AgeBand == ChildAgeBand.From13To17);

        var plan = await factory.WithDbAsync(db => db.CarePlans.Include(p => p.Actions).Include(p => p.Goals).SingleAsync(p => p.CourseId == courseId));
        var support = Assert.Single(plan.Actions, a => a.Text.StartsWith("Praktisk pædagogisk støtte", StringComparison.Ordinal));
        Assert.Equal(20m, support.HoursPerWeek);
        var paused = Assert.Single(plan.Actions, a => a.Status == ActionStatus.Paused);
        Assert.False(string.IsNullOrWhiteSpace(paused.PausedReason));
        Assert.True(paused.ResumeOn > DateOnly.FromDateTime(SamspilFactory.Now.UtcDateTime));
        Assert.Contains(plan.Goals, g => g.Title == "Bearbejde traumerne");

        var meetings = await MeetingsAsync(courseId);
        var taskForce = meetings.Where(m => m.Kind == MeetingKind.TaskForce).ToList();
        Assert.Equal(2, taskForce.Count(m => m.Status == MeetingStatus.Held && m.MinutesApprovedAt is not null));
        Assert.Contains(taskForce, m => m.Status == MeetingStatus.Held && m.Minutes!.Contains("32 til 20 timer", StringComparison.Ordinal));
        Assert.Single(taskForce, m => m.Status == MeetingStatus.Scheduled && m.Start > SamspilFactory.Now);

        // Her psychiatrist (own records) reads the children through the access layer; her proxy reads her course.
        using var clinician = await factory.ClientForAsync("behandler.vejle");
        var family = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/family", SamspilFactory.Json);
        Assert.Equal(3, family.GetProperty("children").GetArrayLength());
        using var sister = await factory.ClientForAsync("paaroerende.louise");
        Assert.Equal(HttpStatusCode.OK, (await sister.GetAsync($"/api/v1/courses/{courseId}/plan")).StatusCode);
    }

    [Fact]
    public async Task Prebens_daughter_is_his_bisidder_and_his_plan_is_his_own_not_mariams()
    {
        var prebenCourse = await CourseOfAsync("Preben");
        var members = await factory.WithDbAsync(db => db.Courses.Include(c => c.Members).Where(c => c.Id == prebenCourse).SelectMany(c => c.Members).ToListAsync());
        Assert.Contains(members, m => m.Role == CollaborationRole.Bisidder && m.Kind == MemberKind.Relative && m.Relation == "datter");

        var mariamCourse = await CourseOfAsync("Mariam");
        var preben = await GoalTitlesAsync(prebenCourse);
        var mariam = await GoalTitlesAsync(mariamCourse);
        Assert.Contains("Kommunikere egne drømme og behov", preben);
        Assert.Contains("Arbejde i et køkken", mariam);
        Assert.Empty(preben.Intersect(mariam));
    }

    [Fact]
    public async Task Abbys_course_moved_from_Vejle_to_her_sisters_municipality_after_three_three_party_conversations()
    {
        var courseId = await CourseOfAsync("Abby");
        var (vejle, odense) = await factory.WithDbAsync(async db => (
            await db.Organizations.Where(o => o.Name == "Jobcenter Vejle").Select(o => o.Id).SingleAsync(),
            await db.Organizations.Where(o => o.Name == "Jobcenter Odense").Select(o => o.Id).SingleAsync()));
        var course = await factory.WithDbAsync(db => db.Courses.SingleAsync(c => c.Id == courseId));
        Assert.Equal(odense, course.MunicipalityOrganizationId);
        Assert.Equal(CoursePhase.AfterCare, course.Phase);
        var move = await factory.WithDbAsync(db => db.MasterDataChanges.SingleAsync(c => c.EntityId == courseId && c.Field == "municipalityOrganizationId"));
        Assert.Equal(vejle.ToString(), move.OldValue);
        Assert.Equal(odense.ToString(), move.NewValue);
        Assert.True(move.ChangedAt < SamspilFactory.Now);

        var meetings = await MeetingsAsync(courseId);
        Assert.Equal(3, meetings.Count(m => m.Title.StartsWith("Trepartssamtale", StringComparison.Ordinal) && m.Status == MeetingStatus.Held && m.MinutesApprovedAt is not null));
        Assert.Single(meetings, m => m.Status == MeetingStatus.Scheduled && m.Start > SamspilFactory.Now);
        Assert.Contains("Starte på SOSU-skolen igen", await GoalTitlesAsync(courseId));

        // The Vejle youth counsellor (still on the network for the handover) sees the move in the course's history.
        using var counsellor = await factory.ClientForAsync("sagsbehandler.vejle");
        var history = await counsellor.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/master-data/history", SamspilFactory.Json);
        Assert.Contains(history.EnumerateArray(), c => c.GetProperty("field").GetString() == "municipalityOrganizationId");
    }

    [Fact]
    public async Task Bashirs_tvaerindsats_course_has_an_interpreter_three_network_meetings_with_minutes_and_an_ips_job_start()
    {
        var courseId = await CourseOfAsync("Bashir");
        var citizen = await factory.WithDbAsync(db => db.Citizens.SingleAsync(c => c.GivenName == "Bashir" && c.FamilyName == "Demo-Hamidi"));
        Assert.True(citizen.InterpreterNeeded);
        Assert.Equal("fa", citizen.InterpreterLanguage);

        var meetings = await MeetingsAsync(courseId);
        var network = meetings.Where(m => m.Kind == MeetingKind.Network && m.TemplateKey == "tvaerindsats").ToList();
        Assert.Equal(3, network.Count);
        Assert.All(network, m =>
        {
            Assert.Equal(MeetingStatus.Held, m.Status);
            Assert.NotNull(m.MinutesApprovedAt);
            Assert.False(string.IsNullOrWhiteSpace(m.Minutes));
            Assert.NotEmpty(m.Agreements);
            Assert.Contains("Tolk: farsi", m.Purpose, StringComparison.Ordinal);
        });
        var preparatory = meetings.Where(m => m.Kind == MeetingKind.Preparatory).ToList();
        Assert.Equal(3, preparatory.Count);
        Assert.All(network, m => Assert.Contains(preparatory, p => p.Start < m.Start && p.Start > m.Start!.Value.AddDays(-14)));
        Assert.All(preparatory, p => Assert.Equal(2, p.Participants.Count));
        Assert.Single(meetings, m => m.Kind == MeetingKind.JointAssessment && m.Status == MeetingStatus.Held);
        Assert.Single(meetings, m => m.Kind == MeetingKind.Handover && m.Status == MeetingStatus.Scheduled && m.Start > SamspilFactory.Now);

        var jobs = await factory.WithDbAsync(db => db.JobStarts.Where(j => j.CourseId == courseId).ToListAsync());
        Assert.Contains(jobs, j => j.Kind == JobStartKind.OrdinaryJob && j.HoursPerWeek == 15);
        Assert.Contains(jobs, j => j.Kind == JobStartKind.WorkPlacement);
        var basis = await factory.WithDbAsync(db => db.IncomeBasisEntries.Where(b => b.CourseId == courseId).ToListAsync());
        Assert.Single(basis, b => b.Basis == IncomeBasisKind.CashBenefit);
        Assert.Equal(3, await factory.WithDbAsync(db => db.CourseChildren.CountAsync(c => c.CourseId == courseId)));

        // The job centre's IPS consultant reads the track through the consent.
        using var ips = await factory.ClientForAsync("ips.odense");
        var track = await ips.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/ips", SamspilFactory.Json);
        Assert.Contains("lager", track.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Martins_veteran_course_has_the_veteran_coordinator_the_veterans_centre_and_a_held_network_meeting()
    {
        var courseId = await CourseOfAsync("Martin");
        var course = await factory.WithDbAsync(db => db.Courses.Include(c => c.Members).SingleAsync(c => c.Id == courseId));
        Assert.Equal("ptsd-veteran", course.TargetGroupCode);
        Assert.Equal(CoursePhase.Treatment, course.Phase);
        var coordinatorRole = await factory.WithDbAsync(db => db.PractitionerRoles
            .Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { r.Id, o.Name })
            .Where(x => x.Name == "Flygtninge- og veterankoordinator, Kolding Kommune").Select(x => x.Id).SingleAsync());
        var coordinator = Assert.Single(course.Members, m => m.PractitionerRoleId == coordinatorRole);
        var centre = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Kind == Domain.Directory.OrganizationKind.VeteransCentre).Select(o => o.Id).SingleAsync());
        var centreRoles = await factory.WithDbAsync(db => db.PractitionerRoles.Where(r => r.OrganizationId == centre).Select(r => r.Id).ToListAsync());
        Assert.Contains(course.Members, m => m.PractitionerRoleId is { } r && centreRoles.Contains(r));

        var meetings = await MeetingsAsync(courseId);
        var held = Assert.Single(meetings, m => m.Status == MeetingStatus.Held);
        Assert.Contains(held.Participants, p => p.MemberId == coordinator.Id);
        Assert.NotNull(held.MinutesApprovedAt);

        // The coordinator is named in Martin's consent, so the coordinator's login opens the course.
        using var client = await factory.ClientForAsync("koordinator.kolding");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);
    }

    private Task<Guid> CourseOfAsync(string givenName) =>
        factory.WithDbAsync(db => db.Citizens.Where(c => c.GivenName == givenName && c.IsDemo)
            .Join(db.Courses, c => c.Id, k => k.CitizenId, (c, k) => k.Id).SingleAsync());

    private Task<List<Meeting>> MeetingsAsync(Guid courseId) =>
        factory.WithDbAsync(db => db.Meetings.Include(m => m.Participants).Include(m => m.Agreements).Where(m => m.CourseId == courseId).ToListAsync());

    private Task<List<string>> GoalTitlesAsync(Guid courseId) =>
        factory.WithDbAsync(db => db.CarePlans.Where(p => p.CourseId == courseId).SelectMany(p => p.Goals).Select(g => g.Title).ToListAsync());
}

public sealed class DemoStoriesTestsOnSqlite(SqliteFactory factory) : DemoStoriesTests(factory), IClassFixture<SqliteFactory>;

public sealed class DemoStoriesTestsOnPostgres(PostgresFactory factory) : DemoStoriesTests(factory), IClassFixture<PostgresFactory>;
