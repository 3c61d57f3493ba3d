using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Citizens;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Network;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Samspil.IntegrationTests;

/// <summary>
/// Model-based check of the whole enforcement chain: random worlds (organisation trees,
/// professionals with roles, citizens, courses recorded by random units, consents that are expired,
/// future, revoked, superseded, conditional, naming people, roles or organisations) are written to
/// the real database; then every user of a world reads every course and citizen of the world through every read
/// endpoint (520 reads per world, each once, in random order), plus 100 random reads of courses from elsewhere, and
/// the course page; each answer is compared with <see cref="VisibilityOracle"/>. Per provider per run: 10 worlds,
/// 6,200 single reads (until issue 21: 10,000 random reads, which left about a fifth of a world's
/// user-course-endpoint combinations untried; see docs/benchmarks.md, issue 21).
/// Each world also has hospital stays, and the attack of issue 12: professionals register a course for
/// a citizen they have no relation to and then read through it (the citizen's name, hospital stays,
/// consents, other courses, notices about admissions); what belongs to the citizen must follow the
/// citizen-level rule, never the registration.
/// The seed is printed; set SAMSPIL_PROPERTY_SEED to replay a run.
/// </summary>
public abstract partial class ModelBasedAccessTests(SamspilFactory factory, ITestOutputHelper output)
{
    private const int Worlds = 10;

    /// <summary>
    /// Reads of courses outside the world (the demo data, the part's earlier worlds) per world, beside the exhaustive
    /// reads of the world's own courses and citizens.
    /// </summary>
    private const int ReadsFromElsewherePerWorld = 100;

    /// <summary>
    /// The fewest single reads a world makes: 10 users × (8 courses × 5 course endpoints + 6 citizens × 2 citizen
    /// endpoints) = 520, plus the reads from elsewhere.
    /// </summary>
    private const int MinimumReadsPerWorld = 520 + ReadsFromElsewherePerWorld;

    /// <summary>The endpoints that read a course: the course, its network, consents, plan and meetings (see the attempt loop).</summary>
    private static readonly int[] CourseEndpoints = [0, 1, 2, 5, 6];

    /// <summary>The endpoints that read a citizen: search by CPR and by id.</summary>
    private static readonly int[] CitizenEndpoints = [3, 4];

    /// <summary>
    /// The worlds are checked in five parts of two worlds, each a test class with a database of its own, so
    /// the parts run in parallel and none is the suite's critical path (the whole run per provider was the
    /// suite's longest test by far); together they make the 6,200 single reads per provider per run. The
    /// assembly's collection orderer starts them first (Infrastructure/LongestFirstCollectionOrderer.cs).
    /// </summary>
    internal const int Parts = 5;

    /// <summary>Which part of the worlds this class checks: 0 to <see cref="Parts"/> − 1.</summary>
    protected abstract int Part { get; }
    private static readonly DateOnly Today = DateOnly.FromDateTime(SamspilFactory.Now.UtcDateTime);

    [Fact]
    public async Task Random_worlds_of_organisations_networks_and_consents_leak_nothing_through_any_read()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SAMSPIL_PROPERTY_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        output.WriteLine($"SAMSPIL_PROPERTY_SEED={seed}");
        var random = new Random(seed + Part);
        var failures = new List<string>();
        var cases = 0;
        var visibleCases = 0;
        var singleReads = 0;
        var noticeCases = 0;
        var toldCases = 0;
        var attackCases = 0;
        var attackRevealed = 0;

        for (var w = Part * Worlds / Parts; w < (Part + 1) * Worlds / Parts; w++)
        {
            var world = await BuildWorldAsync(w, random);
            var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
            foreach (var user in world.Users)
            {
                clients[user.UserName] = await factory.ClientForAsync(user.UserName);
            }

            // Every citizen has a finished hospital stay (admitted and discharged), reported through the intake.
            using (var integration = await factory.ClientForAsync("integration.region"))
            {
                foreach (var cpr in world.CprOf.Values)
                {
                    var stay = new HospitalNotifications.HospitalScenario(cpr);
                    Assert.Equal(HttpStatusCode.Accepted, (await stay.PostAsync(integration, "STIN")).StatusCode);
                    Assert.Equal(HttpStatusCode.Accepted, (await stay.PostAsync(integration, "SLHJ")).StatusCode);
                }
            }

            // The attack: two professionals each register a course for a random citizen of the world.
            var attacks = new List<(OracleUser Attacker, Guid CourseId, Guid CitizenId)>();
            foreach (var attacker in world.Users.Where(u => u.IsProfessional).OrderBy(_ => random.Next()).Take(2))
            {
                var (citizenId, cpr) = world.CprOf.ElementAt(random.Next(world.CprOf.Count));
                var created = await clients[attacker.UserName].PostAsJsonAsync("/api/v1/courses", new
                {
                    citizen = new { cpr, givenName = "Ukendt", familyName = "Person" },
                    targetGroupCode = "ptsd-refugee",
                    phase = "Assessment",
                    startDate = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    municipalityOrganizationId = world.MunicipalityId,
                    creatorRole = "Coordinator",
                    citizenAgreement = new { agreedOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), method = "InPerson" },
                }, SamspilFactory.Json);
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                var courseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                world.CourseIds.Add(courseId);
                attacks.Add((attacker, courseId, citizenId));
            }

            var (oracle, allCourses) = await OracleAsync();
            var worldCourses = allCourses.Where(c => world.CourseIds.Contains(c.Id)).ToList();
            var worldCitizens = await factory.WithDbAsync(db => db.Citizens.AsNoTracking().Where(c => world.CprOf.Keys.Contains(c.Id)).ToDictionaryAsync(c => c.Id));

            // Issue 18: every course of the world except the attackers' new ones has a crisis plan naming its course, so a read
            // that shows another course's plan (or a plan through the foothold) is caught.
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
                db.SystemSeeding = true;
                foreach (var course in worldCourses.Where(c => attacks.All(a => a.CourseId != c.Id)))
                {
                    var crisisPlan = Domain.CrisisPlans.CrisisPlan.Create(course.Id, course.CitizenId, SamspilFactory.Now);
                    var content = Domain.CrisisPlans.CrisisPlanContent.Empty with { EarlySigns = [$"Krise (model) {course.Id}"] };
                    db.CrisisPlans.Add(crisisPlan);
                    db.CrisisPlanVersions.Add(crisisPlan.Save(content, new Actor(Guid.Empty, "model test"), Domain.CrisisPlans.CrisisPlanAuthor.Professional, SamspilFactory.Now));

                    // Issue 17: an IPS track whose job wishes name the course, so an IPS read showing another course's track is caught.
                    var moment = new Moment(SamspilFactory.Now, DateOnly.FromDateTime(SamspilFactory.Now.UtcDateTime));
                    var track = Domain.Work.IpsTrack.Start(course.Id, course.CitizenId, new Actor(Guid.Empty, "model test"), moment);
                    track.WriteJobWishes($"Job (model) {course.Id}", new Actor(Guid.Empty, "model test"), moment);
                    db.IpsTracks.Add(track);

                    // Issue 17 point 8: two deadlines naming the course, one in work and income (the job centre's follow-up), one in
                    // health and treatment (a driving ban's review), so a deadlines read is checked per category.
                    var followUp = new Domain.Frames.FrameDeadline("Opfølgning (model)", null, Domain.Frames.DeadlineType.Within, 8, Domain.Frames.DeadlineUnit.Weeks, null, "Lov om sygedagpenge", null, 14, null);
                    var drivingBan = new Domain.Frames.FrameDeadline("Kørselsforbud (model)", null, Domain.Frames.DeadlineType.Within, 6, Domain.Frames.DeadlineUnit.Months, null, "Kørekortbekendtgørelsen", null, 30, null);
                    db.CourseDeadlines.Add(Domain.Deadlines.CourseDeadline.Start(course.Id, course.CitizenId, Domain.Directory.OrganizationKind.JobCentre, followUp, moment.Today.AddDays(-20), $"Frist (model) {course.Id}", new Actor(Guid.Empty, "model test"), moment));
                    db.CourseDeadlines.Add(Domain.Deadlines.CourseDeadline.Start(course.Id, course.CitizenId, Domain.Directory.OrganizationKind.GpClinic, drivingBan, moment.Today.AddDays(-20), $"Frist (model) {course.Id}", new Actor(Guid.Empty, "model test"), moment));
                }

                await db.SaveChangesAsync();
            }

            // Issue 17: every course of the world except the attackers' new ones has a child naming its course, and consecutive
            // courses of different citizens are linked as relatives — every other link with both consents — so a family read
            // that shows another course's child, or reveals the other course of a link without both consents, is caught.
            var familyCourses = worldCourses.Where(c => attacks.All(a => a.CourseId != c.Id)).ToList();
            var modelLinks = new List<(Guid A, Guid B, bool Mutual)>();
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
                db.SystemSeeding = true;
                var modelActor = new Actor(Guid.Empty, "model test");
                var moment = new Moment(SamspilFactory.Now, DateOnly.FromDateTime(SamspilFactory.Now.UtcDateTime));
                foreach (var course in familyCourses)
                {
                    db.CourseChildren.Add(Domain.Family.CourseChild.Create(course.Id, course.CitizenId, new Domain.Family.ChildDetails($"Barn (model) {course.Id}", Domain.Family.ChildAgeBand.From7To12, Domain.Family.ChildAwareness.Knows, Domain.Family.ChildSupport.None, null, null), modelActor, SamspilFactory.Now));
                }

                for (var i = 0; i + 1 < familyCourses.Count; i += 2)
                {
                    var (a, b) = (familyCourses[i], familyCourses[i + 1]);
                    if (a.CitizenId == b.CitizenId)
                    {
                        continue;
                    }

                    var link = Domain.Family.RelativeLink.Create(a.Id, a.CitizenId, b.Id, b.CitizenId, "søster", modelActor, moment);
                    var mutual = i % 4 == 0;
                    if (mutual)
                    {
                        link.SetConsent(b.Id, true, moment.Today);
                    }

                    db.RelativeLinks.Add(link);
                    modelLinks.Add((a.Id, b.Id, mutual));
                }

                await db.SaveChangesAsync();
            }

            // Issue 17 points 4-5: every course of the world has a meeting whose citizen's word names its course, so a read of who
            // comes that shows another course's meeting is caught.
            var peopleMeetings = new Dictionary<Guid, Guid>();
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
                db.SystemSeeding = true;
                foreach (var course in worldCourses)
                {
                    var meeting = Domain.Meetings.Meeting.Create(new Domain.Meetings.NewMeeting(course.Id, course.CitizenId, Domain.Meetings.MeetingKind.Network, $"Hvem kommer (model) {course.Id}", Domain.Meetings.MeetingFormat.Phone, null, null), new Moment(SamspilFactory.Now, Today));
                    db.Meetings.Add(meeting);
                    var notice = Domain.Meetings.MeetingCitizenNotice.For(meeting.Id, course.CitizenId);
                    notice.Say(meeting, Domain.Meetings.CitizenIntent.WillNotCome, null, new HashSet<Guid>(), new Actor(Guid.Empty, $"model {course.Id}"), SamspilFactory.Now);
                    db.MeetingCitizenNotices.Add(notice);
                    peopleMeetings[course.Id] = meeting.Id;
                }

                await db.SaveChangesAsync();
            }

            // Issue 19: every course of the world except the attackers' new ones has a WHO-5 assignment (health), so a list that shows
            // another course's assignment, or one the reader may not read in health, is caught.
            var questionnaireAssignments = new Dictionary<Guid, Guid>();
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
                db.SystemSeeding = true;
                var who5 = await db.Instruments.Where(i => i.Key == "who-5").OrderByDescending(i => i.Version).FirstAsync();
                foreach (var course in worldCourses.Where(c => attacks.All(a => a.CourseId != c.Id)))
                {
                    var assignment = Domain.Questionnaires.QuestionnaireAssignment.Create(course.Id, course.CitizenId, who5, null, null, Domain.Questionnaires.AssignmentOccasion.Assigned, null, null, new Actor(Guid.Empty, "model test"), SamspilFactory.Now);
                    db.QuestionnaireAssignments.Add(assignment);
                    questionnaireAssignments[course.Id] = assignment.Id;
                }

                await db.SaveChangesAsync();
            }

            // Issue 19 (d): every course of the world except the attackers' new ones has a WHO-5 response (health) and a response to a
            // "plan og mål" experience instrument, so a read shows each only to whom the consent covers and never another course's.
            var questionnaireResponses = new Dictionary<Guid, HashSet<Guid>>();
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
                db.SystemSeeding = true;
                var who5 = await db.Instruments.Where(i => i.Key == "who-5").OrderBy(i => i.Version).FirstAsync();
                var experience = await db.Instruments.Where(i => i.Key == "test-experience").FirstOrDefaultAsync();
                if (experience is null)
                {
                    experience = QuestionnaireResultsTests.TestInstrument("test-experience");
                    db.Instruments.Add(experience);
                }

                foreach (var course in worldCourses.Where(c => attacks.All(a => a.CourseId != c.Id)))
                {
                    var author = new Actor(Guid.Empty, "model test");
                    var first = Domain.Questionnaires.QuestionnaireResponse.Complete(who5, course.Id, course.CitizenId, null, Enumerable.Range(1, 5).Select(i => new Domain.Questionnaires.QuestionnaireAnswer(i.ToString(CultureInfo.InvariantCulture), Code: "2")), Domain.Questionnaires.ResponseMode.Self, "da", author, SamspilFactory.Now.AddDays(-2));
                    var second = Domain.Questionnaires.QuestionnaireResponse.Complete(experience, course.Id, course.CitizenId, null, [new Domain.Questionnaires.QuestionnaireAnswer("heard", Number: 3)], Domain.Questionnaires.ResponseMode.Self, "da", author, SamspilFactory.Now.AddDays(-1));
                    db.QuestionnaireResponses.AddRange(first, second);
                    questionnaireResponses[course.Id] = [first.Id, second.Id];
                }

                await db.SaveChangesAsync();
            }

            // Reading through the registered course: name, hospital stays and consents follow the citizen-level rule.
            foreach (var (attacker, courseId, citizenId) in attacks)
            {
                var client = clients[attacker.UserName];
                var course = await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}", SamspilFactory.Json);
                var identityShown = !course.GetProperty("citizen").GetProperty("identityWithheld").GetBoolean();
                var stays = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/hospital-events?includeInactive=true", SamspilFactory.Json)).GetProperty("events").GetArrayLength();
                var consentIds = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/consents", SamspilFactory.Json)).EnumerateArray().Select(k => k.GetProperty("id").GetGuid()).ToHashSet();
                var citizenLevel = oracle.MaySeeCitizenLevel(attacker, citizenId);
                attackCases += 3;
                attackRevealed += citizenLevel ? 1 : 0;
                if (identityShown != oracle.MaySeeIdentity(attacker, worldCitizens[citizenId]))
                {
                    failures.Add($"world {w} attack by {attacker.UserName} on citizen {citizenId}: name {(identityShown ? "shown" : "withheld")}");
                }

                if ((stays > 0) != citizenLevel)
                {
                    failures.Add($"world {w} attack by {attacker.UserName} on citizen {citizenId}: {stays} hospital events shown, citizen level {citizenLevel}");
                }

                if (!consentIds.SetEquals(oracle.VisibleConsents(attacker, citizenId)))
                {
                    failures.Add($"world {w} attack by {attacker.UserName} on citizen {citizenId}: consents [{string.Join(',', consentIds)}] expected [{string.Join(',', oracle.VisibleConsents(attacker, citizenId))}]");
                }

                // Correcting the citizen's own record through the registered course's citizen: 404 and nothing written unless the oracle allows it (ADR 0014).
                var stored = worldCitizens[citizenId];
                var historyBefore = await factory.WithDbAsync(db => db.MasterDataChanges.CountAsync(c => c.CitizenId == citizenId));
                using var correction = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/citizens/{citizenId}")
                {
                    Content = JsonContent.Create(new { givenName = stored.GivenName, familyName = stored.FamilyName, preferredLanguage = "da", interpreterNeeded = false, phone = "+45 12 34 56 78" }),
                };
                correction.Headers.TryAddWithoutValidation("If-Match", "*");
                var corrected = (await client.SendAsync(correction)).StatusCode;
                var mayCorrect = oracle.MayCorrectCitizen(attacker, stored);
                attackCases++;
                if (corrected != (mayCorrect ? HttpStatusCode.OK : HttpStatusCode.NotFound))
                {
                    failures.Add($"world {w} attack by {attacker.UserName} on citizen {citizenId}: correcting the record answered {(int)corrected}, may correct {mayCorrect}");
                }

                if (!mayCorrect && await factory.WithDbAsync(db => db.MasterDataChanges.CountAsync(c => c.CitizenId == citizenId)) != historyBefore)
                {
                    failures.Add($"world {w} attack by {attacker.UserName} on citizen {citizenId}: a refused correction wrote history");
                }

                // Issue 14: a power of attorney (or a citizen login) for the citizen would open everything; it needs a citizen-level basis.
                var mayGive = oracle.MayGiveAccess(attacker, stored);
                var power = await client.PostAsJsonAsync($"/api/v1/citizens/{citizenId}/powers-of-attorney", new
                {
                    proxyName = "Angriber",
                    relation = "ingen",
                    documentReference = "falsk",
                    validFrom = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    categories = new[] { "StatusAndAppointments", "HealthAndTreatment" },
                    mayConsent = true,
                }, SamspilFactory.Json);
                attackCases++;
                if (power.StatusCode != (mayGive ? HttpStatusCode.Created : HttpStatusCode.NotFound))
                {
                    failures.Add($"world {w} attack by {attacker.UserName} on citizen {citizenId}: registering a power of attorney answered {(int)power.StatusCode}, may give access {mayGive}");
                }

                var login = (await client.GetAsync($"/api/v1/citizens/{citizenId}/access")).StatusCode;
                if (login != (mayGive ? HttpStatusCode.OK : HttpStatusCode.NotFound))
                {
                    failures.Add($"world {w} attack by {attacker.UserName} on citizen {citizenId}: reading the citizen's access answered {(int)login}, may give access {mayGive}");
                }
            }

            // Issue 18, the foothold and the crisis plan: the attacker reads the registered course's crisis plan as the model says, and it is
            // that course's own (empty) plan; none of the citizen's other crisis plans come through it.
            foreach (var (attacker, courseId, _) in attacks)
            {
                using var answer = await clients[attacker.UserName].GetAsync($"/api/v1/courses/{courseId}/crisis-plan");
                var registered = allCourses.Single(c => c.Id == courseId);
                attackCases++;
                if (answer.IsSuccessStatusCode != oracle.MaySeeCrisisPlan(attacker, registered) || answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                {
                    failures.Add($"world {w} attack by {attacker.UserName}: the registered course's crisis plan answered {(int)answer.StatusCode}");
                }
                else if (answer.IsSuccessStatusCode && (await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("earlySigns").GetArrayLength() != 0)
                {
                    failures.Add($"world {w} attack by {attacker.UserName}: the registered course's crisis plan shows another course's plan");
                }
            }

            // Lists: each user's list, restricted to this world, equals the oracle's set.
            foreach (var user in world.Users)
            {
                var listed = await clients[user.UserName].GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true");
                var ids = listed.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Where(world.CourseIds.Contains).ToHashSet();
                var expected = worldCourses.Where(c => oracle.MaySee(user, c)).Select(c => c.Id).ToHashSet();
                cases++;
                if (!ids.SetEquals(expected))
                {
                    failures.Add($"world {w} list for {user.UserName}: expected [{string.Join(',', expected)}] got [{string.Join(',', ids)}]");
                }
            }

            // The citizen's home (issue 15): a citizen, or a proxy whose power of attorney is in force, is shown only their own
            // courses, each part only within the category it belongs to (a power of attorney may leave some out); anyone
            // else (staff, a proxy whose power has ended or not begun) gets no home at all.
            foreach (var user in world.Users)
            {
                using var answer = await clients[user.UserName].GetAsync("/api/v1/me/home");
                cases++;
                if (!oracle.MayActAsCitizen(user))
                {
                    if (answer.IsSuccessStatusCode)
                    {
                        failures.Add($"world {w} home for {user.UserName}: got a citizen home ({(int)answer.StatusCode}) without acting for a citizen");
                    }

                    continue;
                }

                if (!answer.IsSuccessStatusCode)
                {
                    failures.Add($"world {w} home for {user.UserName}: answered {(int)answer.StatusCode}");
                    continue;
                }

                var home = await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
                var shown = new List<(Guid CourseId, InformationCategory Category)>();
                if (home.GetProperty("nextMeeting") is { ValueKind: JsonValueKind.Object } meeting)
                {
                    shown.Add((meeting.GetProperty("courseId").GetGuid(), InformationCategory.MeetingsAndMinutes));
                }

                shown.AddRange(home.GetProperty("tasks").EnumerateArray().Select(t => (t.GetProperty("courseId").GetGuid(), InformationCategory.PlanAndGoals)));
                shown.AddRange(home.GetProperty("goals").EnumerateArray().Select(g => (g.GetProperty("courseId").GetGuid(), InformationCategory.PlanAndGoals)));
                foreach (var (courseId, category) in shown)
                {
                    if (allCourses.FirstOrDefault(c => c.Id == courseId) is not { } shownCourse || !oracle.MaySee(user, shownCourse, category))
                    {
                        failures.Add($"world {w} home for {user.UserName}: shows {category} of course {courseId}, which the model forbids");
                    }
                }
            }

            // The GP's card (issue 21): every GP of the world (a professional with a role in a general-practice unit) is asked
            // something on every course whose network they are on — an open action, a question in a thread, a meeting
            // they are invited to — and the card shows exactly the items whose category the model lets them read;
            // anyone who is not a GP gets no card at all (404).
            var gpAsked = new HashSet<(string UserName, Guid CourseId, InformationCategory Category)>();
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
                db.SystemSeeding = true;
                var moment = new Moment(SamspilFactory.Now, Today);
                var plans = new Dictionary<Guid, Domain.Plans.CarePlan>();
                foreach (var user in world.Users.Where(u => u.ProfessionalId is not null))
                {
                    var roles = await db.PractitionerRoles.Where(r => r.ProfessionalId == user.ProfessionalId).Select(r => new { r.Id, r.OrganizationId }).ToListAsync();
                    var roleIds = roles.Select(r => r.Id).ToList();
                    var orgIds = roles.Select(r => r.OrganizationId).ToList();
                    if (!await db.Organizations.AnyAsync(o => orgIds.Contains(o.Id) && o.Sector == Sector.GeneralPractice))
                    {
                        continue;
                    }

                    var account = await db.Users.Where(u => u.UserName == user.UserName).Select(u => u.Id).SingleAsync();
                    var otherName = world.Users.First(u => u.UserName != user.UserName).UserName;
                    var other = await db.Users.Where(u => u.UserName == otherName).Select(u => u.Id).SingleAsync();
                    var memberships = await db.NetworkMembers.Where(m => world.CourseIds.Contains(m.CourseId) && m.PractitionerRoleId != null && roleIds.Contains(m.PractitionerRoleId.Value)).ToListAsync();
                    foreach (var member in memberships)
                    {
                        var course = allCourses.Single(c => c.Id == member.CourseId);
                        if (!plans.TryGetValue(course.Id, out var plan))
                        {
                            (plan, var first) = Domain.Plans.CarePlan.Create(course.Id, course.CitizenId, new Actor(Guid.Empty, "model test"), moment);
                            plans[course.Id] = plan;
                            db.CarePlans.Add(plan);
                            db.PlanVersions.Add(first);
                        }

                        plan.AddAction(null, "Til lægen (model)", Domain.Plans.ActionOwner.Member(member.Id), Today.AddDays(7), new HashSet<Guid> { member.Id }, moment);
                        var meeting = Domain.Meetings.Meeting.Create(new Domain.Meetings.NewMeeting(course.Id, course.CitizenId, Domain.Meetings.MeetingKind.Network, "Til lægen (model)", Domain.Meetings.MeetingFormat.Video, Today.AddDays(7), Today.AddDays(14)), moment);
                        meeting.SetParticipants([new(member.Id, false, Domain.Meetings.MeetingRole.Participant, false)], new HashSet<Guid> { member.Id });
                        db.Meetings.Add(meeting);
                        var asker = new Domain.Conversations.NewParticipant(other, Domain.Conversations.ParticipantKind.Professional, otherName, null);
                        var thread = Domain.Conversations.Conversation.Start(course.Id, course.CitizenId, "Til lægen (model)", asker, [new(account, Domain.Conversations.ParticipantKind.Professional, user.UserName, null)], moment);
                        thread.Post(asker.UserId, "Spørgsmål (model)", "da", [], new Domain.Conversations.AttachmentLimits(1024, 1), moment);
                        db.Conversations.Add(thread);
                        foreach (var category in new[] { InformationCategory.PlanAndGoals, InformationCategory.MeetingsAndMinutes, InformationCategory.Messages })
                        {
                            if (oracle.MaySee(user, course, category))
                            {
                                gpAsked.Add((user.UserName, course.Id, category));
                            }
                        }
                    }

                    gpAsked.Add((user.UserName, Guid.Empty, InformationCategory.None)); // marks the user as a GP
                }

                await db.SaveChangesAsync();
            }

            foreach (var user in world.Users)
            {
                using var answer = await clients[user.UserName].GetAsync("/api/v1/me/gp-card");
                cases++;
                if (!gpAsked.Contains((user.UserName, Guid.Empty, InformationCategory.None)))
                {
                    if (answer.StatusCode != HttpStatusCode.NotFound)
                    {
                        failures.Add($"world {w} GP card for {user.UserName}: answered {(int)answer.StatusCode} to someone who is not a GP");
                    }

                    continue;
                }

                if (!answer.IsSuccessStatusCode)
                {
                    failures.Add($"world {w} GP card for {user.UserName}: answered {(int)answer.StatusCode}");
                    continue;
                }

                var card = await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
                var shown = new HashSet<(string, Guid, InformationCategory)>();
                foreach (var course in card.GetProperty("courses").EnumerateArray())
                {
                    foreach (var (items, category) in new[] { ("actions", InformationCategory.PlanAndGoals), ("meetings", InformationCategory.MeetingsAndMinutes), ("questions", InformationCategory.Messages) })
                    {
                        foreach (var item in course.GetProperty(items).EnumerateArray())
                        {
                            var courseId = item.GetProperty("courseId").GetGuid();
                            shown.Add((user.UserName, courseId, category));
                            if (allCourses.FirstOrDefault(c => c.Id == courseId) is not { } shownCourse || !oracle.MaySee(user, shownCourse, category))
                            {
                                failures.Add($"world {w} GP card for {user.UserName}: shows {category} of course {courseId}, which the model forbids");
                            }
                        }
                    }
                }

                var expected = gpAsked.Where(g => g.UserName == user.UserName && g.CourseId != Guid.Empty).ToHashSet();
                if (!shown.Where(s => world.CourseIds.Contains(s.Item2)).ToHashSet().SetEquals(expected))
                {
                    failures.Add($"world {w} GP card for {user.UserName}: expected [{string.Join(',', expected)}] got [{string.Join(',', shown)}]");
                }
            }

            // Issue 20, FHIR: every course of the world except the attackers' new ones gets a goal with a sub-goal and an action in its
            // plan (the GP card's plan, or a new one); then every user reads every course's EpisodeOfCare, CareTeam, CarePlan, Goal and
            // Task by id and searches every citizen's EpisodeOfCare, CarePlan, Goal and Task by patient: exactly what the model lets them
            // read, never another course's. The attackers search the citizen they registered a course for like everyone else.
            var fhirItems = new Dictionary<Guid, (Guid PlanId, Guid GoalId, Guid ActionId)>();
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
                db.SystemSeeding = true;
                var moment = new Moment(SamspilFactory.Now, Today);
                foreach (var course in worldCourses.Where(c => attacks.All(a => a.CourseId != c.Id)))
                {
                    var plan = await db.CarePlans.Include(p => p.Goals).ThenInclude(g => g.SubGoals).Include(p => p.Actions).SingleOrDefaultAsync(p => p.CourseId == course.Id);
                    if (plan is null)
                    {
                        (plan, var first) = Domain.Plans.CarePlan.Create(course.Id, course.CitizenId, new Actor(Guid.Empty, "model test"), moment);
                        db.CarePlans.Add(plan);
                        db.PlanVersions.Add(first);
                    }

                    var goal = plan.AddGoal($"Mål (model) {course.Id}", null, ["Delmål (model)"], moment);
                    var action = plan.AddAction(goal.Id, $"Indsats (model) {course.Id}", Domain.Plans.ActionOwner.Citizen, Today.AddDays(7), new HashSet<Guid>(), moment);
                    fhirItems[course.Id] = (plan.Id, goal.Id, action.Id);
                }

                await db.SaveChangesAsync();
            }

            var worldCourseIds = worldCourses.Select(c => c.Id).ToList();
            var fhirPlans = await factory.WithDbAsync(db => db.CarePlans.Where(p => worldCourseIds.Contains(p.CourseId)).ToDictionaryAsync(p => p.CourseId, p => p.Id));
            var fhirActions = (await factory.WithDbAsync(db => db.PlanActions.Join(db.CarePlans, a => a.PlanId, p => p.Id, (a, p) => new { p.CourseId, a.Id }).Where(x => worldCourseIds.Contains(x.CourseId)).ToListAsync()))
                .ToLookup(x => x.CourseId, x => x.Id.ToString("D"));
            var fhirGoals = (await factory.WithDbAsync(db => db.Set<Domain.Plans.PlanGoal>().Join(db.CarePlans, g => g.PlanId, p => p.Id, (g, p) => new { p.CourseId, g.Id }).Where(x => worldCourseIds.Contains(x.CourseId)).ToListAsync()))
                .Concat(await factory.WithDbAsync(db => db.Set<Domain.Plans.SubGoal>().Join(db.Set<Domain.Plans.PlanGoal>(), s => s.GoalId, g => g.Id, (s, g) => new { g.PlanId, s.Id }).Join(db.CarePlans, x => x.PlanId, p => p.Id, (x, p) => new { p.CourseId, x.Id }).Where(x => worldCourseIds.Contains(x.CourseId)).ToListAsync()))
                .ToLookup(x => x.CourseId, x => x.Id.ToString("D"));
            foreach (var user in world.Users)
            {
                var client = clients[user.UserName];
                foreach (var course in worldCourses)
                {
                    var statusVisible = oracle.MaySee(user, course);
                    var planVisible = oracle.MaySee(user, course, InformationCategory.PlanAndGoals);
                    var locations = new List<(string Location, bool Expected, string Shows)>
                    {
                        ($"EpisodeOfCare/{course.Id}", statusVisible, $"Patient/{course.CitizenId}"),
                        ($"CareTeam/{course.Id}", statusVisible, $"Patient/{course.CitizenId}"),
                    };
                    if (fhirItems.TryGetValue(course.Id, out var items))
                    {
                        locations.Add(($"CarePlan/{items.PlanId}", planVisible, $"Patient/{course.CitizenId}"));
                        locations.Add(($"Goal/{items.GoalId}", planVisible, $"Mål (model) {course.Id}"));
                        locations.Add(($"Task/{items.ActionId}", planVisible, $"Indsats (model) {course.Id}"));
                    }

                    foreach (var (location, expected, shows) in locations)
                    {
                        using var answer = await client.GetAsync($"/fhir/{location}");
                        cases++;
                        if (answer.IsSuccessStatusCode != expected || answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                        {
                            failures.Add($"world {w} FHIR {location} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                        }
                        else if (answer.IsSuccessStatusCode && !(await answer.Content.ReadAsStringAsync()).Contains(shows, StringComparison.Ordinal))
                        {
                            failures.Add($"world {w} FHIR {location} for {user.UserName}: shows another course's or citizen's data");
                        }
                    }
                }

                foreach (var citizenId in world.CprOf.Keys)
                {
                    var citizenCourses = worldCourses.Where(c => c.CitizenId == citizenId).ToList();
                    var planCourses = citizenCourses.Where(c => fhirPlans.ContainsKey(c.Id) && oracle.MaySee(user, c, InformationCategory.PlanAndGoals)).ToList();
                    var searches = new (string Type, HashSet<string> Expected)[]
                    {
                        ("EpisodeOfCare", citizenCourses.Where(c => oracle.MaySee(user, c)).Select(c => c.Id.ToString("D")).ToHashSet()),
                        ("CarePlan", planCourses.Select(c => fhirPlans[c.Id].ToString("D")).ToHashSet()),
                        ("Goal", planCourses.SelectMany(c => fhirGoals[c.Id]).ToHashSet()),
                        ("Task", planCourses.SelectMany(c => fhirActions[c.Id]).ToHashSet()),
                    };
                    attackCases += attacks.Any(a => a.Attacker.UserName == user.UserName && a.CitizenId == citizenId) ? 1 : 0;
                    foreach (var (type, expected) in searches)
                    {
                        var bundle = await client.GetFromJsonAsync<JsonElement>($"/fhir/{type}?patient=Patient/{citizenId}&_count=200");
                        var found = bundle.TryGetProperty("entry", out var entries) ? entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()!).ToHashSet() : [];
                        cases++;
                        if (!found.SetEquals(expected) || bundle.GetProperty("total").GetInt32() != expected.Count)
                        {
                            failures.Add($"world {w} FHIR {type}?patient={citizenId} for {user.UserName}: [{string.Join(',', found)}] expected [{string.Join(',', expected)}]");
                        }
                    }
                }
            }

            // The work queue (issue 21): staff are shown only courses the model lets them see, each item in its own category
            // (a hospital stay also at citizen level); a citizen or proxy has no work queue.
            foreach (var user in world.Users)
            {
                using var answer = await clients[user.UserName].GetAsync("/api/v1/me/work-queue");
                cases++;
                if (!user.IsStaff)
                {
                    if (answer.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} work queue for {user.UserName}: answered {(int)answer.StatusCode} to someone who is not staff");
                    }

                    continue;
                }

                if (!answer.IsSuccessStatusCode)
                {
                    failures.Add($"world {w} work queue for {user.UserName}: answered {(int)answer.StatusCode}");
                    continue;
                }

                var queue = await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
                foreach (var item in queue.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray()))
                {
                    var courseId = item.GetProperty("courseId").GetGuid();
                    var category = Enum.Parse<InformationCategory>(item.GetProperty("category").GetString()!);
                    var hospital = item.GetProperty("section").GetString() == "HospitalStays";
                    if (allCourses.FirstOrDefault(c => c.Id == courseId) is not { } shownCourse
                        || !oracle.MaySee(user, shownCourse, category)
                        || (hospital && !oracle.MaySeeCitizenLevel(user, shownCourse.CitizenId)))
                    {
                        failures.Add($"world {w} work queue for {user.UserName}: shows {category} of course {courseId}, which the model forbids");
                    }
                }
            }

            // Single reads through every read endpoint: every user reads every course of the world through each course
            // endpoint, and every citizen of the world by CPR search and by id, once each, in random order; then a few reads
            // of courses from elsewhere (the demo data, earlier worlds). Exhaustive within the world, not sampled.
            var reads = new List<(OracleUser User, Course Course, int Endpoint)>();
            foreach (var user in world.Users)
            {
                reads.AddRange(worldCourses.SelectMany(c => CourseEndpoints.Select(e => (user, c, e))));
                reads.AddRange(world.CprOf.Keys.SelectMany(id => CitizenEndpoints.Select(e => (user, worldCourses.First(c => c.CitizenId == id), e))));
            }

            for (var a = 0; a < ReadsFromElsewherePerWorld; a++)
            {
                reads.Add((world.Users[random.Next(world.Users.Count)], allCourses[random.Next(allCourses.Count)], random.Next(7)));
            }

            foreach (var ((user, course, chosen), a) in reads.OrderBy(_ => random.Next()).Select((r, a) => (r, a)))
            {
                var citizenVisible = allCourses.Where(c => c.CitizenId == course.CitizenId).Any(c => oracle.MaySee(user, c));
                var visible = oracle.MaySee(user, course);
                var client = clients[user.UserName];
                var endpoint = chosen;
                if (endpoint == 3 && !world.CprOf.ContainsKey(course.CitizenId))
                {
                    endpoint = 4; // a citizen from elsewhere whose CPR this test does not know: read by id instead
                }

                var shown = endpoint switch
                {
                    0 => await CourseShownAsync(client, course, user, oracle, worldCitizens, failures),
                    1 => await OkAsync(client.GetAsync($"/api/v1/courses/{course.Id}/network")),
                    2 => await OkAsync(client.GetAsync($"/api/v1/courses/{course.Id}/consents")),
                    3 => await FoundByCprAsync(client, world.CprOf[course.CitizenId], course.CitizenId),
                    5 => await OkAsync(client.GetAsync($"/api/v1/courses/{course.Id}/plan")),
                    6 => await OkAsync(client.GetAsync($"/api/v1/courses/{course.Id}/meetings")),
                    _ => await OkAsync(client.GetAsync($"/api/v1/citizens/{course.CitizenId}")),
                };
                cases++;
                singleReads++;
                var expected = endpoint switch
                {
                    5 => oracle.MaySee(user, course, InformationCategory.PlanAndGoals),
                    6 => oracle.MaySee(user, course, InformationCategory.MeetingsAndMinutes),
                    >= 3 => citizenVisible,
                    _ => visible,
                };
                visibleCases += expected ? 1 : 0;
                if (shown != expected)
                {
                    failures.Add($"world {w} attempt {a}: {user.UserName} endpoint {endpoint} course {course.Id}: expected {(expected ? "visible" : "hidden")}");
                }
            }

            // Issue 17: every user reads every course's family through the API: that course's child, and a relative link's other
            // course only when both citizens consented.
            foreach (var user in world.Users)
            {
                foreach (var course in familyCourses)
                {
                    // Counted as cases, not single reads: "socialt og familie" is rarely consented, and the visible share of
                    // single reads is the generator's health check below.
                    using var answer = await clients[user.UserName].GetAsync($"/api/v1/courses/{course.Id}/family");
                    var expected = oracle.MaySeeFamily(user, course);
                    cases++;
                    if (answer.IsSuccessStatusCode != expected || answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} family of course {course.Id} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                        continue;
                    }

                    if (!answer.IsSuccessStatusCode)
                    {
                        continue;
                    }

                    var family = await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json);
                    if (family.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("label").GetString()).SingleOrDefault() != $"Barn (model) {course.Id}")
                    {
                        failures.Add($"world {w} family of course {course.Id} for {user.UserName}: shows another course's child");
                    }

                    var expectedLinks = modelLinks.Where(l => l.A == course.Id || l.B == course.Id).ToList();
                    var shownLinks = family.GetProperty("relativeLinks").EnumerateArray().ToList();
                    if (shownLinks.Count != expectedLinks.Count
                        || shownLinks.Any(l => l.GetProperty("relativeCourseId").ValueKind != JsonValueKind.Null
                            && !expectedLinks.Any(e => e.Mutual && (e.A == course.Id ? e.B : e.A) == l.GetProperty("relativeCourseId").GetGuid()))
                        || shownLinks.Count(l => l.GetProperty("relativeCourseId").ValueKind != JsonValueKind.Null) != expectedLinks.Count(e => e.Mutual))
                    {
                        failures.Add($"world {w} family of course {course.Id} for {user.UserName}: relative links shown against the consents");
                    }
                }
            }

            // Issue 18: every user reads every course's crisis plan of the world through the API, and it is that course's plan.
            foreach (var user in world.Users)
            {
                foreach (var course in worldCourses)
                {
                    using var answer = await clients[user.UserName].GetAsync($"/api/v1/courses/{course.Id}/crisis-plan");
                    var expected = oracle.MaySeeCrisisPlan(user, course);
                    cases++;
                    visibleCases += expected ? 1 : 0;
                    singleReads++;
                    if (answer.IsSuccessStatusCode != expected || answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} crisis plan of course {course.Id} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                    }
                    else if (answer.IsSuccessStatusCode && attacks.All(a => a.CourseId != course.Id)
                        && (await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("earlySigns")[0].GetString() != $"Krise (model) {course.Id}")
                    {
                        failures.Add($"world {w} crisis plan of course {course.Id} for {user.UserName}: shows another course's plan");
                    }
                }
            }

            // Issue 17: every user reads every course's IPS track and income basis through the API: 404 unless they may read its work
            // and income information, and the track is that course's own.
            foreach (var user in world.Users)
            {
                foreach (var course in worldCourses)
                {
                    var expected = oracle.MaySeeWork(user, course);
                    foreach (var path in new[] { "ips", "income-basis" })
                    {
                        // Cases, not single reads: "arbejde og forsørgelse" is rarely consented (see the family block).
                        using var answer = await clients[user.UserName].GetAsync($"/api/v1/courses/{course.Id}/{path}");
                        cases++;
                        if (answer.IsSuccessStatusCode != expected || answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                        {
                            failures.Add($"world {w} {path} of course {course.Id} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                        }
                        else if (path == "ips" && answer.IsSuccessStatusCode && attacks.All(a => a.CourseId != course.Id)
                            && (await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("jobWishes").GetString() != $"Job (model) {course.Id}")
                        {
                            failures.Add($"world {w} IPS track of course {course.Id} for {user.UserName}: shows another course's track");
                        }
                    }
                }
            }

            // Issue 17 point 8: every user reads every course's deadlines: 404 unless they may read its status; then exactly the
            // deadlines of the categories they may read (work and income, health and treatment), each the course's own.
            foreach (var user in world.Users)
            {
                foreach (var course in worldCourses)
                {
                    using var answer = await clients[user.UserName].GetAsync($"/api/v1/courses/{course.Id}/deadlines");
                    var expected = oracle.MaySee(user, course);
                    cases++;
                    if (answer.IsSuccessStatusCode != expected || answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} deadlines of course {course.Id} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                        continue;
                    }

                    if (!answer.IsSuccessStatusCode || attacks.Any(a => a.CourseId == course.Id))
                    {
                        continue;
                    }

                    var shown = (await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("deadlines").EnumerateArray().ToList();
                    var expectedNames = new List<string>();
                    if (oracle.MaySeeWork(user, course))
                    {
                        expectedNames.Add("Opfølgning (model)");
                    }

                    if (oracle.MaySee(user, course, InformationCategory.HealthAndTreatment))
                    {
                        expectedNames.Add("Kørselsforbud (model)");
                    }

                    if (!shown.Select(d => d.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).SequenceEqual(expectedNames.Order(StringComparer.Ordinal))
                        || shown.Any(d => d.GetProperty("note").GetString() != $"Frist (model) {course.Id}"))
                    {
                        failures.Add($"world {w} deadlines of course {course.Id} for {user.UserName}: shows [{string.Join(", ", shown.Select(d => d.GetProperty("name").GetString()))}], expected [{string.Join(", ", expectedNames)}]");
                    }
                }
            }

            // Issue 17 points 4-5: every user reads who comes to every course's meeting: 404 unless they may read the course's meetings,
            // and it is that course's meeting.
            foreach (var user in world.Users)
            {
                foreach (var course in worldCourses)
                {
                    using var answer = await clients[user.UserName].GetAsync($"/api/v1/meetings/{peopleMeetings[course.Id]}/people");
                    var expected = oracle.MaySee(user, course, InformationCategory.MeetingsAndMinutes);
                    cases++;
                    visibleCases += expected ? 1 : 0;
                    singleReads++;
                    if (answer.IsSuccessStatusCode != expected || answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} who comes to course {course.Id}'s meeting for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                    }
                    else if (answer.IsSuccessStatusCode
                        && ((await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("saidByName").GetString() != $"model {course.Id}"))
                    {
                        failures.Add($"world {w} who comes to course {course.Id}'s meeting for {user.UserName}: shows another meeting");
                    }
                }
            }

            // Issue 19: every user lists every course's questionnaires of the world: 404 unless they may read the course, and the
            // course's own WHO-5 assignment exactly when they may read health; the citizen's own list holds only their own.
            foreach (var user in world.Users)
            {
                foreach (var course in worldCourses)
                {
                    using var answer = await clients[user.UserName].GetAsync($"/api/v1/courses/{course.Id}/questionnaire-assignments");
                    var mayRead = oracle.MaySee(user, course);
                    cases++;
                    singleReads++;
                    if (answer.IsSuccessStatusCode != mayRead || answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} questionnaires of course {course.Id} for {user.UserName}: {(int)answer.StatusCode}, expected {(mayRead ? "visible" : "hidden")}");
                        continue;
                    }

                    if (!answer.IsSuccessStatusCode)
                    {
                        continue;
                    }

                    var listed = (await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("assignments").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToHashSet();
                    var expected = questionnaireAssignments.TryGetValue(course.Id, out var own) && oracle.MaySee(user, course, InformationCategory.HealthAndTreatment) ? new HashSet<Guid> { own } : [];
                    visibleCases += expected.Count;
                    if (!listed.SetEquals(expected))
                    {
                        failures.Add($"world {w} questionnaires of course {course.Id} for {user.UserName}: [{string.Join(',', listed)}] expected [{string.Join(',', expected)}]");
                    }
                }

                if (oracle.MayActAsCitizen(user))
                {
                    var mine = await clients[user.UserName].GetFromJsonAsync<JsonElement>("/api/v1/me/questionnaires", SamspilFactory.Json);
                    var listed = mine.GetProperty("open").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).Where(questionnaireAssignments.ContainsValue).ToHashSet();
                    var expected = worldCourses.Where(c => questionnaireAssignments.ContainsKey(c.Id) && oracle.MaySee(user, c, InformationCategory.HealthAndTreatment)).Select(c => questionnaireAssignments[c.Id]).ToHashSet();
                    cases++;
                    if (!listed.SetEquals(expected))
                    {
                        failures.Add($"world {w} /me/questionnaires for {user.UserName}: [{string.Join(',', listed)}] expected [{string.Join(',', expected)}]");
                    }
                }
            }

            // Issue 19: every user reads every course's collaboration results (course data under meetings and minutes, staff only).
            foreach (var user in world.Users)
            {
                foreach (var course in worldCourses)
                {
                    using var answer = await clients[user.UserName].GetAsync($"/api/v1/courses/{course.Id}/collaboration");
                    var expected = oracle.MaySeeCollaboration(user, course);
                    cases++;
                    visibleCases += expected ? 1 : 0;
                    singleReads++;
                    if (answer.IsSuccessStatusCode != expected || answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} collaboration of course {course.Id} for {user.UserName}: {(int)answer.StatusCode}, expected {(expected ? "visible" : "hidden")}");
                    }
                    else if (answer.IsSuccessStatusCode && (await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("courseId").GetGuid() != course.Id)
                    {
                        failures.Add($"world {w} collaboration of course {course.Id} for {user.UserName}: shows another course");
                    }
                }
            }

            // Issue 19 (d): every user reads every course's questionnaire results of the world through the API: the course is found when
            // its status or a category of a citizen-answered instrument is readable; WHO-5 shows only under health, the experience
            // instrument only under "plan og mål" (a professional whose consent lacks health sees no WHO-5 at all); never another course's.
            var instrumentCategories = await factory.WithDbAsync(db => db.Instruments
                .Where(i => i.Purpose == Domain.Questionnaires.InstrumentPurpose.Screening || i.Purpose == Domain.Questionnaires.InstrumentPurpose.CitizenExperience)
                .Select(i => i.Category).Distinct().ToListAsync());
            foreach (var user in world.Users)
            {
                foreach (var course in worldCourses)
                {
                    using var answer = await clients[user.UserName].GetAsync($"/api/v1/courses/{course.Id}/questionnaire-results");
                    var found = oracle.MaySee(user, course) || instrumentCategories.Any(c => oracle.MaySee(user, course, c));
                    cases++;
                    singleReads++;
                    if (answer.IsSuccessStatusCode != found || answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} questionnaire results of course {course.Id} for {user.UserName}: {(int)answer.StatusCode}, expected {(found ? "found" : "404")}");
                        continue;
                    }

                    if (!answer.IsSuccessStatusCode)
                    {
                        continue;
                    }

                    var series = (await answer.Content.ReadFromJsonAsync<JsonElement>(SamspilFactory.Json)).GetProperty("series").EnumerateArray().ToList();
                    var keys = series.Select(x => x.GetProperty("key").GetString()).ToHashSet();
                    var own = questionnaireResponses.GetValueOrDefault(course.Id) ?? [];
                    var expectWho5 = own.Count > 0 && oracle.MaySee(user, course, InformationCategory.HealthAndTreatment);
                    var expectExperience = own.Count > 0 && oracle.MaySee(user, course, InformationCategory.PlanAndGoals);
                    visibleCases += expectWho5 ? 1 : 0;
                    if (keys.Contains("who-5") != expectWho5 || keys.Contains("test-experience") != expectExperience)
                    {
                        failures.Add($"world {w} questionnaire results of course {course.Id} for {user.UserName}: series [{string.Join(',', keys)}], expected who-5 {expectWho5}, experience {expectExperience}");
                    }

                    if (series.SelectMany(x => x.GetProperty("points").EnumerateArray()).Any(p => !own.Contains(p.GetProperty("responseId").GetGuid())))
                    {
                        failures.Add($"world {w} questionnaire results of course {course.Id} for {user.UserName}: shows another course's response");
                    }
                }
            }

            // Issue 20: the FHIR read and search paths (ModelBasedAccessTests.Fhir.cs).
            var (fhirCases, fhirReads, fhirVisible) = await FhirPathsLeakNothingAsync(w, world, clients, oracle, allCourses, worldCourses, questionnaireResponses, failures);
            cases += fhirCases;
            singleReads += fhirReads;
            visibleCases += fhirVisible;

            // … and the crisis plan page, for two staff users and one who acts as a citizen (the citizen or a proxy).
            foreach (var user in world.Users.Where(u => u.IsStaff).Take(2).Concat(world.Users.Where(oracle.MayActAsCitizen).Take(1)))
            {
                using var browser = await factory.CookieClientAsync(user.UserName);
                foreach (var course in worldCourses)
                {
                    var status = (await browser.GetAsync($"/Courses/{course.Id}/crisis-plan")).StatusCode;
                    cases++;
                    if ((status == HttpStatusCode.OK) != oracle.MaySeeCrisisPlan(user, course) || status is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} page /Courses/{course.Id}/crisis-plan for {user.UserName}: {(int)status}");
                    }
                }
            }

            // The course page in a real signed-in browser session, for two staff users.
            foreach (var user in world.Users.Where(u => u.IsStaff).Take(2))
            {
                using var browser = await factory.CookieClientAsync(user.UserName);
                foreach (var course in worldCourses)
                {
                    var status = (await browser.GetAsync($"/Courses/{course.Id}")).StatusCode;
                    cases++;
                    if ((status == HttpStatusCode.OK) != oracle.MaySee(user, course) || status is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"world {w} page /Courses/{course.Id} for {user.UserName}: {(int)status}");
                    }
                }
            }

            // The course's knowledge page (issue 18, GET /api/v1/courses/{id}/offerings): it reads the course, so it shows exactly
            // the courses the oracle lets the user read (status category), and 404 for the rest.
            foreach (var user in world.Users)
            {
                foreach (var course in worldCourses)
                {
                    cases++;
                    if (await OkAsync(clients[user.UserName].GetAsync($"/api/v1/courses/{course.Id}/offerings")) != oracle.MaySee(user, course))
                    {
                        failures.Add($"world {w}: {user.UserName} knowledge page of course {course.Id}: expected {(oracle.MaySee(user, course) ? "visible" : "hidden")}");
                    }
                }
            }

            // Notices: whom NotifyAsync tells about a course in a category is exactly whom the oracle lets read it.
            var names = world.Users.Select(u => u.UserName).ToList();
            var accounts = await factory.WithDbAsync(db => db.Users.Where(u => names.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id));
            foreach (var course in worldCourses)
            {
                foreach (var category in InformationCategories.Each.OrderBy(_ => random.Next()).Take(3))
                {
                    var told = await NoticeRecipientsAsync(course, category, accounts.Values.ToList());
                    var expected = world.Users.Where(u => oracle.MaySee(u, course, category)).Select(u => accounts[u.UserName]).ToHashSet();
                    cases++;
                    noticeCases++;
                    toldCases += expected.Count;
                    if (!told.SetEquals(expected))
                    {
                        failures.Add($"world {w} notice about course {course.Id} in {category}: expected [{string.Join(',', expected)}] told [{string.Join(',', told)}]");
                    }
                }
            }

            // Notices about a hospital stay: told exactly whom the oracle lets read citizen-level data, registration or not.
            foreach (var citizenId in world.CprOf.Keys)
            {
                var anyCourse = worldCourses.First(c => c.CitizenId == citizenId);
                var told = await NoticeRecipientsAsync(anyCourse, InformationCategory.StatusAndAppointments, accounts.Values.ToList(), Samspil.Domain.Consents.AccessSubject.OfCitizen(citizenId));
                var expected = world.Users.Where(u => oracle.MaySeeCitizenLevel(u, citizenId)).Select(u => accounts[u.UserName]).ToHashSet();
                cases++;
                attackCases++;
                if (!told.SetEquals(expected))
                {
                    failures.Add($"world {w} admission notice about citizen {citizenId}: expected [{string.Join(',', expected)}] told [{string.Join(',', told)}]");
                }
            }

            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        output.WriteLine($"{noticeCases} notice cases checked ({toldCases} recipients expected); {attackCases} attack cases ({attackRevealed} attacks met a citizen-level basis)");
        Assert.True(attackCases >= Worlds / Parts * 6, $"only {attackCases} attack cases");
        Assert.True(toldCases > 0 && toldCases < noticeCases * 7, "the notice cases must both tell and leave out people");
        output.WriteLine($"{cases} cases checked, {singleReads} of them single reads ({visibleCases} expected visible), {failures.Count} failures");
        Assert.True(singleReads >= Worlds / Parts * MinimumReadsPerWorld, $"only {singleReads} single reads");

        // The generator must produce both answers often, or the test would prove little. At least one read in twenty is expected
        // visible (about 300 of 3,000 per part): most single reads are by strangers to a course, and the FHIR Communication reads
        // (every account in every thread) are hidden from everyone off the course's network, so one in ten was too tight a floor.
        Assert.InRange(visibleCases, singleReads / 20, singleReads * 9 / 10);
        Assert.True(failures.Count == 0, $"seed {seed}: " + string.Join(Environment.NewLine, failures.Take(20)));
    }

    /// <summary>
    /// Whom a notice about the course in <paramref name="category"/> would reach among the candidates,
    /// as Samspil decides it (system scope, NotificationService). Nothing is saved.
    /// </summary>
    private async Task<HashSet<Guid>> NoticeRecipientsAsync(Course course, InformationCategory category, IReadOnlyCollection<Guid> candidates, AccessSubject? subject = null)
    {
        await using var scope = factory.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        var notices = await scope.ServiceProvider.GetRequiredService<Samspil.Features.Notifications.NotificationService>().NotifyAsync(
            new Samspil.Domain.Notifications.NotificationDraft(Samspil.Domain.Notifications.NotificationKind.Admitted, course.Id, course.CitizenId, category, null, null, "model:" + Guid.NewGuid().ToString("N")),
            subject ?? Samspil.Features.Access.CitizenDataAccess.SubjectOf(course),
            candidates,
            CancellationToken.None);
        return notices.Select(n => n.RecipientUserId).ToHashSet();
    }

    private static async Task<bool> OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw new InvalidOperationException($"Unexpected {(int)response.StatusCode} from {response.RequestMessage?.RequestUri}"),
        };
    }

    /// <summary>Reads the course; when shown, the citizen's name must be shown exactly when the oracle lets the user see who the citizen is.</summary>
    private static async Task<bool> CourseShownAsync(HttpClient client, Course course, OracleUser user, VisibilityOracle oracle, Dictionary<Guid, Citizen> citizens, List<string> failures)
    {
        var response = await client.GetAsync($"/api/v1/courses/{course.Id}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return await OkAsync(Task.FromResult(response));
        }

        if (citizens.TryGetValue(course.CitizenId, out var citizen))
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var identityShown = !body.GetProperty("citizen").GetProperty("identityWithheld").GetBoolean();
            if (identityShown != oracle.MaySeeIdentity(user, citizen))
            {
                failures.Add($"{user.UserName} course {course.Id}: citizen's name {(identityShown ? "shown" : "withheld")}");
            }
        }

        return true;
    }

    private static async Task<bool> FoundByCprAsync(HttpClient client, string cpr, Guid citizenId)
    {
        var found = await (await client.PostAsJsonAsync("/api/v1/citizens/search", new { cpr })).Content.ReadFromJsonAsync<JsonElement>();
        return found.EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == citizenId);
    }

    private async Task<(VisibilityOracle Oracle, List<Course> Courses)> OracleAsync() => await factory.WithDbAsync(async db => (
        new VisibilityOracle(
            await db.Organizations.AsNoTracking().ToListAsync(),
            await db.PractitionerRoles.AsNoTracking().ToListAsync(),
            await db.Consents.AsNoTracking().ToListAsync(),
            Today),
        await db.Courses.AsNoTracking().ToListAsync()));

    private sealed record World(List<OracleUser> Users, HashSet<Guid> CourseIds, Dictionary<Guid, string> CprOf, Guid MunicipalityId);

    /// <summary>One random world: two organisation trees and a GP, five professionals, an administrator, six citizens with courses and consents.</summary>
    private async Task<World> BuildWorldAsync(int w, Random random)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamspilDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var system = new Actor(Guid.Empty, "model test");
        var moment = new Moment(SamspilFactory.Now, Today);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        Organization Org(string name, Sector sector, OrganizationKind kind, Guid? partOf) =>
            Organization.Create(new OrganizationDetails($"PBT {w} {name}", sector, kind, partOf), Guid.NewGuid());
        var region = Org("Region", Sector.Region, OrganizationKind.Region, null);
        var clinic = Org("Klinik", Sector.Region, OrganizationKind.TraumaClinic, region.Id);
        var ward = Org("Afsnit", Sector.Region, OrganizationKind.PsychiatricWard, region.Id);
        var municipality = Org("Kommune", Sector.Municipality, OrganizationKind.Municipality, null);
        var jobcentre = Org("Jobcenter", Sector.Municipality, OrganizationKind.JobCentre, municipality.Id);
        var social = Org("Social", Sector.Municipality, OrganizationKind.SocialServices, municipality.Id);
        var gp = Org("Læge", Sector.GeneralPractice, OrganizationKind.GpClinic, null);
        Organization[] all = [region, clinic, ward, municipality, jobcentre, social, gp];
        Organization[] units = [clinic, ward, jobcentre, social, gp];
        db.Organizations.AddRange(all);

        var professionals = new List<(Professional Professional, PractitionerRole Role)>();
        for (var p = 0; p < 5; p++)
        {
            var professional = Professional.Create($"PBT {w} Fagperson {p}", "Fagperson", Guid.NewGuid());
            var role = professional.AddRole(Pick(units).Id, new PractitionerRoleDetails("Rolle", "Mandat", null, null), Guid.NewGuid());
            if (p == 4)
            {
                professional.AddRole(Pick(units).Id, new PractitionerRoleDetails("Anden rolle", "Mandat", null, null), Guid.NewGuid());
            }

            db.Professionals.Add(professional);
            professionals.Add((professional, role));
        }

        var allRoles = professionals.SelectMany(p => p.Professional.Roles).ToList();
        var cprOf = new Dictionary<Guid, string>();
        var courseIds = new HashSet<Guid>();
        var citizens = new List<Citizen>();
        db.SystemSeeding = true;
        for (var c = 0; c < 6; c++)
        {
            var cpr = TestData.NewCpr();
            var citizen = Citizen.Register(new CitizenDetails($"PBT{w}", $"Borger{c}", CprNumber.Parse(cpr, Today), "da", false, null, null, null, null), Pick(all).Id, SamspilFactory.Now);
            db.Citizens.Add(citizen);
            citizens.Add(citizen);
            cprOf[citizen.Id] = cpr;
            var course = Course.Start(
                new NewCourse(citizen.Id, "ptsd-refugee", CoursePhase.Treatment, Today.AddDays(-random.Next(1, 200)), null, random.Next(3) == 0 ? null : Pick(new[] { clinic, ward }).Id, Pick(new[] { jobcentre, social }).Id, Pick(all).Id),
                system,
                moment);
            foreach (var role in allRoles.OrderBy(_ => random.Next()).Take(random.Next(0, 3)))
            {
                course.AddMember(new NewNetworkMember(MemberKind.Professional, role.Id, null, null, null, null, CollaborationRole.Other, null, course.StartDate, new CitizenAgreement(course.StartDate, AgreementMethod.InPerson, null)), system, moment);
            }

            db.Courses.Add(course);
            courseIds.Add(course.Id);

            for (var k = random.Next(0, 4); k > 0; k--)
            {
                var recipients = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(3) switch
                {
                    0 => new ConsentRecipient(ConsentRecipientKind.Professional, Pick(professionals).Professional.Id),
                    1 => new ConsentRecipient(ConsentRecipientKind.PractitionerRole, Pick(allRoles).Id),
                    _ => new ConsentRecipient(ConsentRecipientKind.Organization, Pick(all).Id),
                }).ToList();
                var categories = InformationCategories.Each.Where(_ => random.Next(3) == 0).Aggregate(InformationCategory.None, (x, y) => x | y);
                if (categories == InformationCategory.None || random.Next(10) < 6)
                {
                    categories |= InformationCategory.StatusAndAppointments;
                }

                var validFrom = Today.AddDays(random.Next(-400, 30));
                var terms = new ConsentTerms(
                    recipients,
                    categories,
                    random.Next(4) == 0 ? AccessPurpose.SicknessBenefitFollowUp : AccessPurpose.Coordination,
                    "Tilfældigt samtykke",
                    null,
                    validFrom,
                    validFrom.AddDays(random.Next(0, 500)),
                    random.Next(7) == 0 ? ConsentCondition.OnlyWhileAdmitted : ConsentCondition.None,
                    null);
                var giving = new ConsentGiving(ConsentGivenBy.Citizen, null, ConsentMethod.CitizenOnline, null, null);
                var consent = Consent.Give(citizen.Id, terms, giving, system, moment);
                db.Consents.Add(consent);
                switch (random.Next(5))
                {
                    case 0:
                        consent.Revoke(system, moment);
                        break;
                    case 1:
                        db.Consents.Add(consent.Revise(terms with { Categories = InformationCategory.PlanAndGoals }, giving, system, moment));
                        break;
                }
            }
        }

        await db.SaveChangesAsync();
        db.SystemSeeding = false;

        var oracleUsers = new List<OracleUser>();
        async Task<AppUser> AddUserAsync(string name, string role, Action<AppUser> link, OracleUser view)
        {
            var user = new AppUser { UserName = name, DisplayName = name, IsDemo = false };
            link(user);
            Assert.True((await users.CreateAsync(user, SamspilFactory.DemoPassword)).Succeeded);
            await users.AddToRoleAsync(user, role);
            oracleUsers.Add(view);
            return user;
        }

        foreach (var (professional, role) in professionals)
        {
            var name = $"pbt{w}.{professional.Name[^1]}";
            await AddUserAsync(name, SamspilRoles.Professional, u => { u.ProfessionalId = professional.Id; u.OrganizationId = role.OrganizationId; }, new OracleUser(name, true, true, professional.Id, role.OrganizationId, null, false));
        }

        var adminOrg = Pick(new[] { region, municipality, clinic, jobcentre });
        await AddUserAsync($"pbt{w}.admin", SamspilRoles.Administrator, u => u.OrganizationId = adminOrg.Id, new OracleUser($"pbt{w}.admin", false, true, null, adminOrg.Id, null, false));
        // Issue 21: a manager (leder) of a random unit, nothing else. The role gives steering figures only: the oracle
        // counts the manager as neither staff nor professional, so every course, list and notice must stay closed to them.
        var managerOrg = Pick(new[] { region, municipality, clinic, jobcentre });
        await AddUserAsync($"pbt{w}.leder", SamspilRoles.Manager, u => u.OrganizationId = managerOrg.Id, new OracleUser($"pbt{w}.leder", false, false, null, managerOrg.Id, null, false));
        await AddUserAsync($"pbt{w}.borger", SamspilRoles.Citizen, u => u.CitizenId = citizens[0].Id, new OracleUser($"pbt{w}.borger", false, false, null, null, citizens[0].Id, true));

        // Proxies (issue 14): two with a random power of attorney (scope, past/current/future period, perhaps
        // ended by staff), and one proxy account without any, which must read nothing.
        for (var p = 0; p < 3; p++)
        {
            var citizen = citizens[1 + p];
            var name = $"pbt{w}.proxy{p}";
            ProxyTerms? terms = null;
            if (p < 2)
            {
                var categories = InformationCategories.Each.Where(_ => random.Next(2) == 0).Aggregate(InformationCategory.None, (x, y) => x | y);
                var from = Today.AddDays(random.Next(-300, 30));
                DateOnly? to = random.Next(3) == 0 ? null : from.AddDays(random.Next(0, 400));
                terms = new ProxyTerms(citizen.Id, categories == InformationCategory.None ? InformationCategory.StatusAndAppointments : categories, from, to, random.Next(4) == 0);
            }

            var proxy = await AddUserAsync(name, SamspilRoles.Proxy, u => u.CitizenId = citizen.Id, new OracleUser(name, false, false, null, null, citizen.Id, false, terms));
            if (terms is { } t)
            {
                var registered = new Moment(SamspilFactory.Now.AddDays(-400), Today.AddDays(-400));
                var power = PowerOfAttorney.Register(citizen.Id, name, "søster", null, null, null, "PBT", t.From, t.To, t.Categories, random.Next(2) == 0, system, registered);
                power.LinkProxy(proxy.Id);
                if (t.Ended)
                {
                    power.End(system, moment);
                }

                db.SystemSeeding = true;
                db.PowersOfAttorney.Add(power);
                await db.SaveChangesAsync();
                db.SystemSeeding = false;
            }
        }

        return new World(oracleUsers, courseIds, cprOf, municipality.Id);
    }
}

public sealed class ModelBasedAccessTestsPart1OnSqlite(SqliteFactory factory, ITestOutputHelper output) : ModelBasedAccessTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override int Part => 0;
}

public sealed class ModelBasedAccessTestsPart2OnSqlite(SqliteFactory factory, ITestOutputHelper output) : ModelBasedAccessTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override int Part => 1;
}

public sealed class ModelBasedAccessTestsPart3OnSqlite(SqliteFactory factory, ITestOutputHelper output) : ModelBasedAccessTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override int Part => 2;
}

public sealed class ModelBasedAccessTestsPart4OnSqlite(SqliteFactory factory, ITestOutputHelper output) : ModelBasedAccessTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override int Part => 3;
}

public sealed class ModelBasedAccessTestsPart5OnSqlite(SqliteFactory factory, ITestOutputHelper output) : ModelBasedAccessTests(factory, output), IClassFixture<SqliteFactory>
{
    protected override int Part => 4;
}

public sealed class ModelBasedAccessTestsPart1OnPostgres(PostgresFactory factory, ITestOutputHelper output) : ModelBasedAccessTests(factory, output), IClassFixture<PostgresFactory>
{
    protected override int Part => 0;
}

public sealed class ModelBasedAccessTestsPart2OnPostgres(PostgresFactory factory, ITestOutputHelper output) : ModelBasedAccessTests(factory, output), IClassFixture<PostgresFactory>
{
    protected override int Part => 1;
}

public sealed class ModelBasedAccessTestsPart3OnPostgres(PostgresFactory factory, ITestOutputHelper output) : ModelBasedAccessTests(factory, output), IClassFixture<PostgresFactory>
{
    protected override int Part => 2;
}

public sealed class ModelBasedAccessTestsPart4OnPostgres(PostgresFactory factory, ITestOutputHelper output) : ModelBasedAccessTests(factory, output), IClassFixture<PostgresFactory>
{
    protected override int Part => 3;
}

public sealed class ModelBasedAccessTestsPart5OnPostgres(PostgresFactory factory, ITestOutputHelper output) : ModelBasedAccessTests(factory, output), IClassFixture<PostgresFactory>
{
    protected override int Part => 4;
}
