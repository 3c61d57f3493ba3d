using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Features.Audit;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Telemetry;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Access;

/// <summary>A course the policy lets the current user read, with its citizen and the basis that decided it.</summary>
public sealed record CourseRecord(Course Course, Citizen Citizen, AccessDecision Decision);

/// <summary>
/// The single enforcement point for citizen data. Every list, detail, search, page, export and
/// (later) notification reads citizens, courses and what hangs off a course through this class:
/// <list type="number">
/// <item>a SQL query narrows to candidates the user could possibly be allowed to see;</item>
/// <item>the pure <see cref="AccessPolicy"/> decides each candidate for the information category read;</item>
/// <item>every permitted read is written to the access log before the data is returned.</item>
/// </list>
/// What is not permitted is silently left out of lists and reads as "not found": nothing is revealed
/// through counts, names or error messages. An architecture test fails the build's tests if a
/// feature queries the citizen-data sets anywhere else.
/// </summary>
public sealed partial class CitizenDataAccess(
    SamspilDbContext db,
    CurrentUser user,
    TimeProvider time,
    AccessLog log,
    AccessActorProvider actors)
{
    private readonly Dictionary<Guid, AccessFacts> _facts = [];
    private readonly Dictionary<Guid, CourseCandidate> _courses = [];
    private IReadOnlyList<LegalBasis>? _legalBases;

    public CurrentUser User => user;

    public AccessLog Log => log;

    /// <summary>
    /// Lists courses (with their citizens) the user may read in <paramref name="category"/>, logging each as read.
    /// <paramref name="refine"/> adds the caller's filters (phase, search) in SQL.
    /// </summary>
    public async Task<IReadOnlyList<CourseRecord>> ListCoursesAsync(
        Func<IQueryable<CourseCandidate>, IQueryable<CourseCandidate>> refine,
        InformationCategory category,
        CancellationToken cancellationToken,
        int limit = 500,
        AccessPurpose purpose = AccessPurpose.Coordination)
    {
        var candidates = await refine(await CandidatesAsync(cancellationToken)).ToListAsync(cancellationToken);
        await LoadFactsAsync(candidates.Select(c => c.Citizen.Id), cancellationToken);
        var permitted = new List<CourseRecord>();
        foreach (var candidate in candidates)
        {
            var decision = await DecideAsync(SubjectOf(candidate.Course), category, purpose, cancellationToken);
            if (decision.Permitted)
            {
                permitted.Add(new CourseRecord(candidate.Course, await ShownAsync(candidate.Citizen, cancellationToken), decision));
                if (permitted.Count == limit)
                {
                    break;
                }
            }
        }

        foreach (var record in permitted)
        {
            log.Record(record.Citizen.Id, category, AccessAction.Read, "CourseSummary", record.Course.Id, record.Decision, purpose);
        }

        await log.CommitAsync(cancellationToken);
        return permitted;
    }

    /// <summary>Reads one course for display; null (404) unless permitted. The read is logged before it is returned.</summary>
    public async Task<CourseRecord?> ReadCourseAsync(Guid courseId, InformationCategory category, CancellationToken cancellationToken, AccessPurpose purpose = AccessPurpose.Coordination)
    {
        var record = await FindCourseAsync(courseId, category, purpose, cancellationToken);
        if (record is not null)
        {
            log.Record(record.Citizen.Id, category, AccessAction.Read, "Course", courseId, record.Decision, purpose);
            await log.CommitAsync(cancellationToken);
        }

        return record;
    }

    /// <summary>
    /// Finds a course the user may change: permitted to read it, staff, and either on its active
    /// network or from the organisation that recorded it. The caller records the change and commits.
    /// </summary>
    public async Task<CourseRecord?> FindCourseForChangeAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (!user.IsStaff)
        {
            return null;
        }

        var record = await FindCourseAsync(courseId, InformationCategory.StatusAndAppointments, AccessPurpose.Coordination, cancellationToken);
        return record is not null && await MayChangeAsync(record, cancellationToken) ? record : null;
    }

    /// <summary>
    /// The change rule for a course already read (with its network loaded): staff, permitted to read
    /// its status for coordination, and on its active network or from the organisation that recorded it.
    /// Decided in memory; no second query.
    /// </summary>
    public async Task<bool> MayChangeAsync(CourseRecord record, CancellationToken cancellationToken)
    {
        if (!user.IsStaff)
        {
            return false;
        }

        var decision = await DecideAsync(SubjectOf(record.Course), InformationCategory.StatusAndAppointments, AccessPurpose.Coordination, cancellationToken);
        if (!decision.Permitted)
        {
            return false;
        }

        var actor = await actors.GetAsync(cancellationToken);
        var today = CopenhagenTime.Today(time);
        var onNetwork = record.Course.Members.Any(m => m.PractitionerRoleId is { } roleId && actor.PractitionerRoleIds.Contains(roleId) && (m.ActiveTo is null || m.ActiveTo > today));
        return onNetwork || decision.BasisKind == AccessBasisKind.OwnRecords;
    }

    /// <summary>
    /// Courses whose active network the user is on but may not read: for each, only the consent
    /// overview (R10: partners are told that consent exists, whom it covers, which categories).
    /// Each is logged as a read of the overview.
    /// </summary>
    public async Task<IReadOnlyList<(CourseRecord Record, IReadOnlyList<Consent> Consents)>> NetworkWithoutAccessAsync(CancellationToken cancellationToken)
    {
        var actor = await actors.GetAsync(cancellationToken);
        var roles = actor.PractitionerRoleIds.ToList();
        if (roles.Count == 0)
        {
            return [];
        }

        var today = CopenhagenTime.Today(time);
        var candidates = await OnActiveNetworkOf(await CandidatesAsync(cancellationToken), roles, today)
            .OrderBy(c => c.Citizen.FamilyName).ThenBy(c => c.Citizen.GivenName)
            .ToListAsync(cancellationToken);
        var courseIds = candidates.Select(c => c.Course.Id).ToList();
        var network = (await db.NetworkMembers
                .Where(m => courseIds.Contains(m.CourseId) && m.PractitionerRoleId != null && m.ActiveFrom <= today && (m.ActiveTo == null || m.ActiveTo > today))
                .Select(m => new { m.CourseId, RoleId = m.PractitionerRoleId!.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.CourseId, m => m.RoleId);
        await LoadFactsAsync(candidates.Select(c => c.Citizen.Id), cancellationToken);

        var overview = new List<(CourseRecord, IReadOnlyList<Consent>)>();
        foreach (var candidate in candidates)
        {
            var subject = SubjectOf(candidate.Course);
            if ((await DecideAsync(subject, InformationCategory.StatusAndAppointments, cancellationToken)).Permitted)
            {
                continue; // they see the whole course in their list
            }

            var decision = await DecideAsync(subject with { NetworkRoleIds = network[candidate.Course.Id].ToHashSet() }, InformationCategory.ConsentOverview, cancellationToken);
            if (decision.Permitted)
            {
                overview.Add((new CourseRecord(candidate.Course, await ShownAsync(candidate.Citizen, cancellationToken), decision), _facts[candidate.Citizen.Id].Consents));
                log.Record(candidate.Citizen.Id, InformationCategory.ConsentOverview, AccessAction.Read, "ConsentOverview", candidate.Course.Id, decision);
            }
        }

        await log.CommitAsync(cancellationToken);
        return overview;
    }

    /// <summary>Citizens the user may read, found by exact CPR; each returned citizen is logged as read.</summary>
    public async Task<IReadOnlyList<CourseRecord>> FindByCprAsync(CprNumber cpr, CancellationToken cancellationToken) =>
        (await ListCoursesAsync(q => q.Where(c => c.Citizen.Cpr == cpr), InformationCategory.StatusAndAppointments, cancellationToken))
            .DistinctBy(r => r.Citizen.Id)
            .ToList();

    /// <summary>May the user read a record of this citizen with this origin? Used to filter dated records inside a course (R11).</summary>
    public Task<AccessDecision> DecideAsync(AccessSubject subject, InformationCategory category, CancellationToken cancellationToken) =>
        DecideAsync(subject, category, AccessPurpose.Coordination, cancellationToken);

    public async Task<AccessDecision> DecideAsync(AccessSubject subject, InformationCategory category, AccessPurpose purpose, CancellationToken cancellationToken)
    {
        using var activity = SamspilTelemetry.StartDecision(category, purpose);
        var actor = await actors.GetAsync(cancellationToken);
        var facts = await FactsAsync(subject.CitizenId, cancellationToken);
        return SamspilTelemetry.Decided(activity, AccessPolicy.Decide(new AccessRequest(actor, subject, category, purpose, CopenhagenTime.Today(time)), facts), category, purpose);
    }

    /// <summary>Registration by CPR: the id of an existing citizen, without reading or revealing anything about them.</summary>
    public async Task<Guid?> ExistingCitizenIdAsync(CprNumber cpr, CancellationToken cancellationToken) =>
        await db.Citizens.Where(c => c.Cpr == cpr).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);

    /// <summary>A consent by id, for deciding whether the user may change it. Never returned to the user as such.</summary>
    public Task<Consent?> ConsentForChangeAsync(Guid consentId, CancellationToken cancellationToken) =>
        db.Consents.SingleOrDefaultAsync(c => c.Id == consentId, cancellationToken);

    /// <summary>Does an uploaded consent form belong to this citizen?</summary>
    public Task<bool> DocumentBelongsToAsync(Guid documentId, Guid citizenId, CancellationToken cancellationToken) =>
        db.ConsentDocuments.AnyAsync(d => d.Id == documentId && d.CitizenId == citizenId, cancellationToken);

    /// <summary>A stored consent form by id; the caller has already decided the user may see it.</summary>
    public Task<ConsentDocument?> DocumentAsync(Guid documentId, CancellationToken cancellationToken) =>
        db.ConsentDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken);

    /// <summary>Every consent version of a citizen (for the policy and for showing consent status).</summary>
    public async Task<IReadOnlyList<Consent>> ConsentsOfAsync(Guid citizenId, CancellationToken cancellationToken) =>
        (await FactsAsync(citizenId, cancellationToken)).Consents;

    /// <summary>
    /// The citizen's own record (name, language, interpreter needs, contact details) was recorded by
    /// whoever registered the citizen, not by whoever runs the course: it is shown only on a basis
    /// that covers that record itself (ADR 0013). A record already handed out without identity stays so.
    /// </summary>
    public async Task<bool> MaySeeContactDetailsAsync(CourseRecord record, CancellationToken cancellationToken) =>
        !record.Citizen.IdentityWithheld && await MaySeeCitizenAsync(record.Citizen, cancellationToken);

    /// <summary>
    /// May the user read what belongs to the citizen rather than to one course (hospital stays, every
    /// consent, notices about admissions)? Decided by the citizen, a proxy or a consent, never by who
    /// registered or is responsible for a course (ADR 0013).
    /// </summary>
    public Task<AccessDecision> DecideCitizenLevelAsync(Guid citizenId, CancellationToken cancellationToken, DateOnly? recordDate = null) =>
        DecideAsync(AccessSubject.OfCitizen(citizenId, null, recordDate), InformationCategory.StatusAndAppointments, cancellationToken);

    /// <summary>
    /// The consents of a course's citizen this reader may see: all of them on a citizen-level basis
    /// (the citizen, a proxy, a consent naming the reader); otherwise only those that name the reader
    /// or that someone of the reader's organisation registered. Registering a course shows nobody the citizen's other consents.
    /// </summary>
    public async Task<IReadOnlyList<Consent>> VisibleConsentsAsync(Guid citizenId, CancellationToken cancellationToken)
    {
        var all = await ConsentsOfAsync(citizenId, cancellationToken);
        if ((await DecideCitizenLevelAsync(citizenId, cancellationToken)).Permitted)
        {
            return all;
        }

        // The reader's organisation's own records: consents registered by someone of their units (or below).
        var actor = await actors.GetAsync(cancellationToken);
        var own = actor.OwnOrganizationIds.ToList();
        var recorders = all.Select(k => k.RecordedByUserId).Distinct().ToList();
        var ownRecorders = (await db.Users.Where(u => recorders.Contains(u.Id) && u.OrganizationId != null && own.Contains(u.OrganizationId.Value)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        return all.Where(k => k.RecordedByUserId == user.UserId || ownRecorders.Contains(k.RecordedByUserId) || k.Recipients.Any(r => AccessPolicy.Reaches(r, actor))).ToList();
    }

    private async Task<bool> MaySeeCitizenAsync(Citizen citizen, CancellationToken cancellationToken) =>
        (await DecideAsync(AccessSubject.OfCitizen(citizen.Id, citizen.RecordedByOrganizationId), InformationCategory.StatusAndAppointments, cancellationToken)).Permitted;

    /// <summary>The citizen as this reader may see them: the stored record, or a copy with only the id and CPR number.</summary>
    private async Task<Citizen> ShownAsync(Citizen citizen, CancellationToken cancellationToken) =>
        await MaySeeCitizenAsync(citizen, cancellationToken) ? citizen : citizen.WithoutIdentity();

    public static AccessSubject SubjectOf(Course course) =>
        new(course.CitizenId, course.RecordedByOrganizationId, null, course.RegionOrganizationId, course.MunicipalityOrganizationId);

    private async Task<CourseRecord?> FindCourseAsync(Guid courseId, InformationCategory category, AccessPurpose purpose, CancellationToken cancellationToken)
    {
        // A second read of the same course in this request (a page built from two services) reuses the tracked course
        // while the context still tracks it; the decision below is made again either way.
        if (!_courses.TryGetValue(courseId, out var candidate) || db.Entry(candidate.Course).State == EntityState.Detached)
        {
            candidate = await (await CandidatesAsync(cancellationToken))
                .Where(c => c.Course.Id == courseId)
                .SingleOrDefaultAsync(cancellationToken);
            if (candidate is null)
            {
                return null;
            }

            // Two loads, not one joined query: a joined query orders each collection by id, and the course's phase
            // history (transitions at the same moment) and the network's order as shown depend on the stored order.
            await db.Entry(candidate.Course).Collection(c => c.PhaseTransitions).LoadAsync(cancellationToken);
            await db.Entry(candidate.Course).Collection(c => c.Members).LoadAsync(cancellationToken);
            _courses[courseId] = candidate;
        }

        var decision = await DecideAsync(SubjectOf(candidate.Course), category, purpose, cancellationToken);
        return decision.Permitted ? new CourseRecord(candidate.Course, await ShownAsync(candidate.Citizen, cancellationToken), decision) : null;
    }

    /// <summary>
    /// A superset of what the policy can permit, narrowed in SQL: the citizen's own courses, courses
    /// recorded by or the responsibility of the user's organisations, and courses of citizens with a
    /// consent naming the user, a role they hold or an organisation they work within, and courses
    /// whose network they are on (for the consent overview).
    /// </summary>
    private async Task<IQueryable<CourseCandidate>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var actor = await actors.GetAsync(cancellationToken);
        if (!user.IsAuthenticated)
        {
            return db.Courses.Where(_ => false).Join(db.Citizens, c => c.CitizenId, z => z.Id, (c, z) => new CourseCandidate { Course = c, Citizen = z });
        }

        var self = actor.OwnCitizenId ?? actor.ProxyForCitizenId;
        var own = actor.OwnOrganizationIds.Select(id => (Guid?)id).ToList();
        var line = actor.OwnOrganizationIds.Concat(actor.WithinOrganizationIds).Select(id => (Guid?)id).ToList();
        var within = actor.WithinOrganizationIds.ToList();
        var roles = actor.PractitionerRoleIds.ToList();
        var professionalId = actor.ProfessionalId;
        var consents = db.Consents.Where(k => k.Status == ConsentStatus.Active && k.Recipients.Any(r =>
            (r.Kind == ConsentRecipientKind.Professional && r.TargetId == professionalId)
            || (r.Kind == ConsentRecipientKind.PractitionerRole && roles.Contains(r.TargetId))
            || (r.Kind == ConsentRecipientKind.Organization && within.Contains(r.TargetId))));

        var today = CopenhagenTime.Today(time);
        var memberships = db.NetworkMembers.Where(m => m.PractitionerRoleId != null && roles.Contains(m.PractitionerRoleId.Value) && (m.ActiveTo == null || m.ActiveTo > today));
        return db.Courses
            .Where(c => (self != null && c.CitizenId == self)
                || memberships.Any(m => m.CourseId == c.Id)
                || own.Contains(c.RecordedByOrganizationId)
                || line.Contains(c.RegionOrganizationId)
                || line.Contains(c.MunicipalityOrganizationId)
                || consents.Any(k => k.CitizenId == c.CitizenId))
            .Join(db.Citizens, c => c.CitizenId, z => z.Id, (c, z) => new CourseCandidate { Course = c, Citizen = z });
    }

    /// <summary>Candidates whose active network has one of <paramref name="roles"/> on it today.</summary>
    private IQueryable<CourseCandidate> OnActiveNetworkOf(IQueryable<CourseCandidate> candidates, List<Guid> roles, DateOnly today) =>
        candidates.Where(c => db.NetworkMembers.Any(m => m.CourseId == c.Course.Id && m.PractitionerRoleId != null && roles.Contains(m.PractitionerRoleId.Value) && m.ActiveFrom <= today && (m.ActiveTo == null || m.ActiveTo > today)));

    private async Task<AccessFacts> FactsAsync(Guid citizenId, CancellationToken cancellationToken)
    {
        if (!_facts.ContainsKey(citizenId))
        {
            await LoadFactsAsync([citizenId], cancellationToken);
        }

        return _facts[citizenId];
    }

    private async Task LoadFactsAsync(IEnumerable<Guid> citizenIds, CancellationToken cancellationToken)
    {
        var missing = citizenIds.Where(id => !_facts.ContainsKey(id)).Distinct().ToList();
        _legalBases ??= await db.LegalBases.AsNoTracking().Where(b => b.Active).ToListAsync(cancellationToken);
        if (missing.Count == 0)
        {
            return;
        }

        var consents = await db.Consents.AsNoTracking().Where(k => missing.Contains(k.CitizenId)).ToListAsync(cancellationToken);
        var admitted = await AdmittedAsync(missing, cancellationToken);
        foreach (var id in missing)
        {
            // Admitted while a hospital stay is open (hospital notifications; leave counts as admitted): opens "only while I am admitted" consents.
            _facts[id] = new AccessFacts(consents.Where(k => k.CitizenId == id).OrderBy(k => k.RecordedAt).ToList(), _legalBases, CitizenAdmitted: admitted.Contains(id));
        }
    }

    /// <summary>For reads that are Samspil's own processing (hospital notifications, reminders, deliveries): never on behalf of a signed-in person.</summary>
    private void EnsureSystem()
    {
        if (!user.IsSystem)
        {
            throw new InvalidOperationException("Only Samspil's own processing (a system scope) may read this.");
        }
    }

    /// <summary>Forget cached consents for a citizen after they change in this request.</summary>
    public void Invalidate(Guid citizenId) => _facts.Remove(citizenId);
}

/// <summary>A course joined with its citizen, before the policy has decided. Init properties (not a
/// positional record) so EF Core can keep translating filters written against it.</summary>
public sealed class CourseCandidate
{
    public required Course Course { get; init; }

    public required Citizen Citizen { get; init; }
}
