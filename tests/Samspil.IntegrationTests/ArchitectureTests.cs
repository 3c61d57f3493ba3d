using System.Text.RegularExpressions;

namespace Samspil.IntegrationTests;

/// <summary>
/// Keeps the single enforcement point single: outside the access layer (and the few places named
/// below), no feature may query the sets that hold citizen data. Adding to them is fine — the audit
/// interceptor refuses to save such a change without an access-log entry.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Allowed =
    [
        "Features/Access/CitizenDataAccess.cs",      // the enforcement point
        "Features/Access/CitizenDataAccess.Plans.cs", // … its part for the shared plan
        "Features/Access/CitizenDataAccess.Meetings.cs", // … and for meetings
        "Features/Access/CitizenDataAccess.Notices.cs", // … and for whom a notice may reach
        "Features/Access/CitizenDataAccess.Hospital.cs", // … and for hospital notifications and the course's hospital events
        "Features/Access/CitizenDataAccess.Conversations.cs", // … and for secure conversations
        "Features/Access/CitizenDataAccess.Screening.cs", // … and for screening (admissions, analysis summaries)
        "Features/Access/CitizenDataAccess.Reporting.cs", // … and for work attachment and the dashboard's facts
        "Features/Access/CitizenDataAccess.MasterData.cs", // … and for master data corrections and their history
        "Features/Access/CitizenDataAccess.Proxies.cs", // … and for powers of attorney
        "Features/Access/CitizenDataAccess.WorkQueue.cs", // … and for the work queue (expiring consents, recent hospital stays, an action's course)
        "Features/Access/CitizenDataAccess.Attention.cs", // … and for what in a listed course needs attention (issue 21)
        "Features/Access/CitizenDataAccess.GpCard.cs", // … and for the GP's card (the latest message of a thread already decided)
        "Features/Access/CitizenDataAccess.CrisisPlans.cs", // … and for the crisis plan (issue 18)
        "Features/Access/CitizenDataAccess.Questionnaires.cs", // … and for the citizen's questionnaires (issue 19)
        "Features/Access/CitizenDataAccess.Collaboration.cs", // … and for the collaboration questionnaire (issue 19)
        "Features/Access/CitizenDataAccess.QuestionnaireReporting.cs", // … and for the dashboard's questionnaire answers (issue 19)
        "Features/Access/CitizenDataAccess.QuestionnaireResults.cs", // … and for the clinician's questionnaire results (issue 19)
        "Features/Access/CitizenDataAccess.Work.cs", // … and for the IPS track and the income basis (issue 17)
        "Features/Access/CitizenDataAccess.FhirCommunication.cs", // … and for what a FHIR id belongs to (issue 20)
        "Features/Access/CitizenDataAccess.MeetingPeople.cs", // … and for who comes to a meeting (issue 17 points 4-5)
        "Features/Access/CitizenDataAccess.FhirCare.cs", // … and for the FHIR API's plans, goals and tasks (issue 20)
        "Features/Access/CitizenDataAccess.Family.cs", // … and for children, relative links and bisidders (issue 17 point 6)
        "Features/Access/CitizenDataAccess.MeetingModels.cs", // … and for the meetings a course's model proposed (issue 17 point 3)
        "Features/Access/CitizenDataAccess.CareCommunications.cs", // … and for MedCom CareCommunication in and out (issue 20)
        "Features/Access/CitizenDataAccess.Deadlines.cs", // … and for statutory deadlines on a course (issue 17 point 8)
        "Features/Access/AccessActorProvider.cs",    // the power of attorney behind a proxy, for the policy
        "Features/Audit/AccessLog.cs",               // appends to the log
        "Features/Audit/AuditEndpoints.cs",          // the citizen's own log and the chain check
        "Features/Audit/AccessLogGroups.cs",         // … the citizen's own log, grouped by person and day
        "Features/Audit/AccessLogFhir.cs",          // … the log as FHIR AuditEvents (issue 20)
        "Features/Audit/AccessLogCheckpoints.cs",   // … checkpoints over the chain heads (issue 16)
        "Features/Demo/DemoDataSeeder.cs",           // start-up seeding as the system
        "Features/Demo/DemoDataSeeder.Stories.cs",   // … and the seeds' stories (issue 17 point 11)
        "Infrastructure/Persistence/SamspilDbContext.cs",
    ];

    [Fact]
    public void No_feature_reads_citizen_data_except_through_the_access_layer()
    {
        var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Samspil"));
        Assert.True(Directory.Exists(source), source);
        var offenders = Directory.EnumerateFiles(source, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .Where(f => !Allowed.Any(a => f.EndsWith(a, StringComparison.Ordinal)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(source, f), Line: i + 1, Text: line)))
            .Where(l => CitizenDataQuery().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("var x = await db.Courses.Where(c => c.Id == id).ToListAsync();", true)]
    [InlineData("db.Consents.SingleOrDefaultAsync(c => c.Id == id)", true)]
    [InlineData("context.Set<Citizen>().ToList()", true)]
    [InlineData("db.Courses.Add(course);", false)]
    [InlineData("using Samspil.Features.Courses;", false)]
    [InlineData("db.Organizations.Where(o => o.Id == id)", false)]
    [InlineData("await _db.NetworkMembers.ToListAsync()", true)]
    [InlineData("db.ConsentDocuments.Add(document);", false)]
    public void The_rule_recognises_a_query_of_citizen_data(string line, bool isQuery) =>
        Assert.Equal(isQuery, CitizenDataQuery().IsMatch(line));

    /// <summary>
    /// A DbContext variable (db, _db, context, dbContext…) touching a set of citizen data, other than
    /// to Add to it. The sets are found by reflection: every DbSet on SamspilDbContext whose entity is
    /// an ICitizenRecord, plus the access log, so a new citizen-data entity is covered automatically.
    /// </summary>
    private static Regex CitizenDataQuery() => CitizenDataQueryRegex.Value;

    // Built once: a compiled regex per scanned line took minutes on a busy machine.
    private static readonly Lazy<Regex> CitizenDataQueryRegex = new(BuildCitizenDataQuery);

    private static Regex BuildCitizenDataQuery()
    {
        var sets = typeof(Samspil.Infrastructure.Persistence.SamspilDbContext).GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.DbSet<>))
            .Select(p => (Name: p.Name, Entity: p.PropertyType.GetGenericArguments()[0]))
            .Where(s => typeof(Samspil.Domain.Common.ICitizenRecord).IsAssignableFrom(s.Entity) || s.Entity.Name.StartsWith("AccessLog", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(sets, s => s.Name == "Consents");
        var names = string.Join('|', sets.Select(s => s.Name));
        var types = string.Join('|', sets.Select(s => s.Entity.Name));
        return new Regex($@"\b_?(db|context|dbContext|Db|Context)\.(?:(?:{names})\b|Set<(?:{types})>\(\))(?!\.Add\()", RegexOptions.Compiled);
    }
}
