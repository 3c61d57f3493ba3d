using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Audit;
using Samspil.Domain.Citizens;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Network;
using Samspil.Features.Access;
using Samspil.Features.Consents;
using Samspil.Features.Network;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Courses;

/// <summary>Use cases for courses, shared by the API and the web pages. Citizen data is read and written through <see cref="CitizenDataAccess"/>.</summary>
public sealed partial class CourseService(
    SamspilDbContext db,
    CitizenDataAccess access,
    ConsentService consents,
    Meetings.MeetingService meetings,
    HospitalNotifications.TreatmentStartNotifier treatmentStart,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer,
    Collaboration.CollaborationService collaboration)
{
    private const InformationCategory Status = InformationCategory.StatusAndAppointments;

    private static bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The longest search text: longer than any name, so a longer one is a mistake or an attack.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>
    /// A search is validated like a create: a text too long, control characters, or something shaped like a
    /// CPR number that is not a valid one is 400, never an empty list that looks like "nobody found".
    /// </summary>
    private static void ValidateSearch(CourseListFilter filter, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (filter.Query is { } query)
        {
            var trimmed = query.Trim();
            if (query.Length > MaxSearchLength)
            {
                errors.Add("query", "Search.Query.TooLong");
            }
            else if (Guard.HasControlCharacters(query))
            {
                errors.Add("query", "Problem.InvalidCharacters");
            }
            else if (CprShaped().IsMatch(trimmed) && !CprNumber.TryParse(trimmed, today, out _, out var cprError))
            {
                errors.Add("query", cprError!);
            }
        }

        if (filter.TargetGroup is { } targetGroup && (targetGroup.Length > MaxSearchLength || Guard.HasControlCharacters(targetGroup)))
        {
            errors.Add("targetGroup", "Search.TargetGroup.Invalid");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{6}-?\d{4}$")]
    private static partial System.Text.RegularExpressions.Regex CprShaped();

    public async Task<IReadOnlyList<CourseSummary>> ListAsync(CourseListFilter filter, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        ValidateSearch(filter, today);
        var records = await access.ListCoursesAsync(
            candidates =>
            {
                if (!filter.IncludeEnded)
                {
                    candidates = candidates.Where(c => c.Course.EndDate == null || c.Course.EndDate > today);
                }

                if (filter.Phase is { } phase)
                {
                    candidates = candidates.Where(c => c.Course.Phase == phase);
                }

                if (!string.IsNullOrWhiteSpace(filter.TargetGroup))
                {
                    var code = filter.TargetGroup.Trim();
                    candidates = candidates.Where(c => c.Course.TargetGroupCode == code);
                }

                if (!string.IsNullOrWhiteSpace(filter.Query))
                {
                    var query = filter.Query.Trim();
                    if (CprNumber.TryParse(query, today, out var cpr, out _))
                    {
                        // CPR search is exact match only, never a prefix or partial search.
                        candidates = candidates.Where(c => c.Citizen.Cpr == cpr);
                    }
                    else
                    {
                        var term = query.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Runs as SQL lower(...) LIKE, not in .NET.
                        candidates = candidates.Where(c => (c.Citizen.GivenName + " " + c.Citizen.FamilyName).ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
                    }
                }

                return candidates.OrderBy(c => c.Citizen.FamilyName).ThenBy(c => c.Citizen.GivenName).ThenBy(c => c.Course.StartDate);
            },
            Status,
            cancellationToken,
            purpose: filter.Purpose ?? AccessPurpose.Coordination);

        if (!string.IsNullOrWhiteSpace(filter.Query) && !CprNumber.TryParse(filter.Query.Trim(), today, out _, out _))
        {
            // A name search matched stored names in SQL: a citizen whose name is not shared with the reader is
            // not found by it, or the search would reveal the name (ADR 0013).
            records = records.Where(r => !r.Citizen.IdentityWithheld).ToList();
        }

        var targetGroups = await db.TargetGroups.ToDictionaryAsync(t => t.Code, t => t.DisplayName(English), cancellationToken);
        var organizationIds = records.SelectMany(r => new[] { r.Course.RegionOrganizationId, r.Course.MunicipalityOrganizationId }).OfType<Guid>().Distinct().ToList();
        var organizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var summaries = new List<CourseSummary>(records.Count);
        foreach (var (course, citizen, _) in records)
        {
            summaries.Add(new CourseSummary(
                course.Id,
                citizen.Id,
                citizen.FullName,
                citizen.Cpr.Formatted,
                course.TargetGroupCode,
                targetGroups.GetValueOrDefault(course.TargetGroupCode, course.TargetGroupCode),
                course.Phase,
                course.StartDate,
                course.EndDate,
                course.RegionOrganizationId is { } r ? organizations.GetValueOrDefault(r) : null,
                course.MunicipalityOrganizationId is { } m ? organizations.GetValueOrDefault(m) : null,
                course.IsDemo,
                ConsentService.StateOf(await access.VisibleConsentsAsync(citizen.Id, cancellationToken), today)));
        }

        if (filter.Sort is not { } sort)
        {
            return summaries;
        }

        var facts = await access.CourseAttentionAsync(records, cancellationToken);
        var withAttention = summaries.Select(s => facts.TryGetValue(s.Id, out var f)
            ? s with { Attention = new CourseAttention(f.OverdueActions, s.ConsentState == ConsentState.Expiring, f.UnreadNotices, f.NextMeeting) }
            : s with { Attention = new CourseAttention(0, s.ConsentState == ConsentState.Expiring, 0, null) });
        // Issue 19 (d): questionnaires whose latest response met a cut-off, only in categories the reader may read.
        var flagged = await access.FlaggedQuestionnaireSeriesAsync(records, cancellationToken);
        withAttention = withAttention.Select(s => flagged.TryGetValue(s.Id, out var n) ? s with { Attention = s.Attention! with { FlaggedQuestionnaires = n } } : s);
        return Sorted(withAttention, sort, filter.Descending ?? sort == CourseSort.Attention);
    }

    /// <summary>Issue 21: the list in the chosen order; ties (and courses without a next meeting) fall back to name and start.</summary>
    public static IReadOnlyList<CourseSummary> Sorted(IEnumerable<CourseSummary> courses, CourseSort sort, bool descending)
    {
        var compare = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true);
        IOrderedEnumerable<CourseSummary> ordered = sort switch
        {
            CourseSort.Name => descending ? courses.OrderByDescending(c => c.CitizenName, compare) : courses.OrderBy(c => c.CitizenName, compare),
            CourseSort.TargetGroup => descending ? courses.OrderByDescending(c => c.TargetGroupName, compare) : courses.OrderBy(c => c.TargetGroupName, compare),
            CourseSort.Phase => descending ? courses.OrderByDescending(c => c.Phase) : courses.OrderBy(c => c.Phase),
            CourseSort.Start => descending ? courses.OrderByDescending(c => c.StartDate) : courses.OrderBy(c => c.StartDate),
            // Courses without a next meeting come last either way.
            CourseSort.NextMeeting => descending
                ? courses.OrderBy(c => c.Attention?.NextMeeting is null).ThenByDescending(c => c.Attention?.NextMeeting)
                : courses.OrderBy(c => c.Attention?.NextMeeting is null).ThenBy(c => c.Attention?.NextMeeting),
            _ => descending ? courses.OrderByDescending(c => c.Attention?.Score ?? 0) : courses.OrderBy(c => c.Attention?.Score ?? 0),
        };
        return ordered.ThenBy(c => c.CitizenName, compare).ThenBy(c => c.StartDate).ThenBy(c => c.Id).ToList();
    }

    public async Task<CourseDetail?> GetAsync(Guid courseId, CancellationToken cancellationToken, AccessPurpose purpose = AccessPurpose.Coordination)
    {
        var record = await access.ReadCourseAsync(courseId, Status, cancellationToken, purpose);
        return record is null ? null : await ToDetailAsync(record, cancellationToken);
    }

    public async Task<Guid> CreateAsync(CreateCourseRequest request, CancellationToken cancellationToken)
    {
        var now = CopenhagenTime.Now(time);
        var user = access.User;
        var errors = new ValidationErrors();
        var citizenInput = request.Citizen;
        CprNumber? cpr = null;
        if (citizenInput is null)
        {
            errors.Add("citizen", "Citizen.Required");
        }
        else if (!CprNumber.TryParse(citizenInput.Cpr, now.Today, out cpr, out var cprError))
        {
            errors.Add("citizen.cpr", cprError!);
        }

        errors.Required("targetGroupCode", request.TargetGroupCode, "Course.TargetGroup.Required");
        errors.Required("phase", request.Phase, "Course.Phase.Required");
        errors.Required("startDate", request.StartDate, "Course.StartDate.Required");
        if (request.RegionOrganizationId is null && request.MunicipalityOrganizationId is null)
        {
            errors.Add("regionOrganizationId", "Course.ResponsibleOrganization.Required");
        }

        var targetGroup = request.TargetGroupCode is { } code && !Guard.HasControlCharacters(code)
            ? await db.TargetGroups.SingleOrDefaultAsync(t => t.Code == code.Trim() && t.Active, cancellationToken)
            : null;
        if (request.TargetGroupCode is not null && targetGroup is null)
        {
            errors.Add("targetGroupCode", "Course.TargetGroup.Unknown");
        }

        await CheckOrganizationAsync(errors, "regionOrganizationId", request.RegionOrganizationId, Sector.Region, cancellationToken);
        await CheckOrganizationAsync(errors, "municipalityOrganizationId", request.MunicipalityOrganizationId, Sector.Municipality, cancellationToken);

        PractitionerRole? creatorRole = null;
        if (user.IsProfessional)
        {
            creatorRole = await db.PractitionerRoles
                .Where(r => r.ProfessionalId == user.ProfessionalId && r.Active)
                .Where(r => request.CreatorPractitionerRoleId == null || r.Id == request.CreatorPractitionerRoleId)
                .OrderBy(r => r.Title)
                .FirstOrDefaultAsync(cancellationToken);
            if (creatorRole is null)
            {
                errors.Add("creatorPractitionerRoleId", "Course.CreatorRole.Unknown");
            }

            if (request.CitizenAgreement?.AgreedOn is null || request.CitizenAgreement.Method is null)
            {
                errors.Add("citizenAgreement", "Network.Agreement.Required");
            }
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var details = new CitizenDetails(
            citizenInput!.GivenName,
            citizenInput.FamilyName,
            cpr!,
            citizenInput.PreferredLanguage,
            citizenInput.InterpreterNeeded,
            citizenInput.InterpreterLanguage,
            citizenInput.Phone,
            citizenInput.Email,
            citizenInput.Address);

        // The course is recorded by the creator's unit: that is what makes it "own records" for them.
        var recordedBy = creatorRole?.OrganizationId ?? user.OrganizationId;
        var ownRecords = AccessDecision.By(AccessBasisKind.OwnRecords);

        // Validated before looking the CPR up, so the answer never depends on whether the citizen exists.
        // An existing citizen is reused without overwriting what others recorded.
        var registered = RegisterCitizen(details, recordedBy, now.Utc);
        var citizenId = await access.ExistingCitizenIdAsync(cpr!, cancellationToken);
        if (citizenId is null)
        {
            db.Citizens.Add(registered);
            citizenId = registered.Id;
            access.Log.Record(registered.Id, Status, AccessAction.Create, "Citizen", registered.Id, ownRecords);
        }

        var course = Course.Start(
            new NewCourse(
                citizenId.Value,
                targetGroup!.Code,
                request.Phase!.Value,
                request.StartDate!.Value,
                null,
                request.RegionOrganizationId,
                request.MunicipalityOrganizationId,
                recordedBy),
            user.AsActor(),
            now);

        if (creatorRole is not null)
        {
            var agreement = request.CitizenAgreement!;
            course.AddMember(
                new NewNetworkMember(
                    MemberKind.Professional,
                    creatorRole.Id,
                    null,
                    null,
                    null,
                    null,
                    request.CreatorRole ?? CollaborationRole.Other,
                    null,
                    request.StartDate.Value,
                    new CitizenAgreement(agreement.AgreedOn!.Value, agreement.Method!.Value, agreement.Note)),
                user.AsActor(),
                now);
        }

        db.Courses.Add(course);
        access.Log.Record(citizenId.Value, Status, AccessAction.Create, "Course", course.Id, ownRecords);
        if (course.Phase == CoursePhase.Treatment)
        {
            // A course recorded when treatment has already started tells the municipality at once (R12).
            await treatmentStart.NotifyAsync(course, cancellationToken);
        }

        await access.Log.CommitAsync(cancellationToken);
        await meetings.FollowCourseAsync(course.Id, cancellationToken); // issue 17: e.g. the joint meeting when assessment starts
        return course.Id;
    }

    public async Task<bool> ChangePhaseAsync(Guid courseId, ChangePhaseRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForSteeringAsync(courseId, cancellationToken);
        if (record is null)
        {
            return false;
        }

        if (request.Phase is null)
        {
            throw new DomainException("Course.Phase.Required", "phase");
        }

        record.Course.ChangePhase(request.Phase.Value, access.User.AsActor(), CopenhagenTime.Now(time), request.Note);
        if (request.Phase == CoursePhase.Treatment && record.Course.MunicipalityToldAt is null)
        {
            // R12: the municipality's entry point and the caseworker are told (where consent or law allows), in the same transaction.
            await treatmentStart.NotifyAsync(record.Course, cancellationToken);
        }

        await CommitChangeAsync(record, "Course", courseId, cancellationToken);
        if (request.Phase == CoursePhase.Treatment)
        {
            // Treatment starts: the course model's meetings are proposed for the coordinator to confirm.
            await meetings.ProposeOnTreatmentStartAsync(courseId, cancellationToken);
        }
        else
        {
            // Issue 17: the course models follow every phase change (the joint meeting when assessment starts, the handover when treatment ends).
            await meetings.FollowCourseAsync(courseId, cancellationToken);
        }

        return true;
    }

    public async Task<bool> EndAsync(Guid courseId, EndCourseRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForSteeringAsync(courseId, cancellationToken);
        if (record is null)
        {
            return false;
        }

        if (request.EndDate is null)
        {
            throw new DomainException("Course.EndDate.Required", "endDate");
        }

        record.Course.End(request.EndDate.Value, CopenhagenTime.Now(time));
        await CommitChangeAsync(record, "Course", courseId, cancellationToken);
        await meetings.FollowCourseAsync(courseId, cancellationToken); // a course ending later: steps after its end (issue 17)
        await collaboration.SendAtCourseEndAsync(record, cancellationToken); // issue 19: the collaboration questionnaire at the end
        return true;
    }

    /// <summary>Logs an update of the course's citizen data on the basis that allowed it, and saves both together.</summary>
    internal Task CommitChangeAsync(CourseRecord record, string resourceType, Guid resourceId, CancellationToken cancellationToken)
    {
        access.Log.Record(record.Citizen.Id, Status, AccessAction.Update, resourceType, resourceId, record.Decision);
        return access.Log.CommitAsync(cancellationToken);
    }

    internal async Task<CourseDetail> ToDetailAsync(CourseRecord record, CancellationToken cancellationToken)
    {
        var (course, citizen, decision) = record;
        var targetGroup = await db.TargetGroups.SingleAsync(t => t.Code == course.TargetGroupCode, cancellationToken);
        var roles = await MemberDirectory.RolesOfAsync(db, course.Members, cancellationToken);
        var organizationIds = new[] { course.RegionOrganizationId, course.MunicipalityOrganizationId }.OfType<Guid>().ToList();
        var organizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var today = CopenhagenTime.Today(time);

        OrganizationRef? Ref(Guid? id) => id is { } value && organizations.TryGetValue(value, out var o) ? new OrganizationRef(o.Id, o.Name, o.Sector) : null;

        var members = course.Members
            .OrderByDescending(m => m.IsActiveOn(today))
            .ThenBy(m => m.Role)
            .ThenBy(m => m.ActiveFrom)
            .Select(m =>
            {
                var agreement = new AgreementView(m.AgreedOn, m.AgreementMethod, m.AgreementNote, m.AgreementRecordedByName, m.RecordedAt);
                if (m.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r))
                {
                    return new NetworkMemberView(
                        m.Id, m.Kind, r.Professional.Name, roleId,
                        new OrganizationRef(r.Organization.Id, r.Organization.Name, r.Organization.Sector),
                        r.Role.Title, r.Professional.Profession, r.Role.Mandate, null,
                        r.Role.DirectPhone, r.Role.DirectEmail, m.Role, m.RoleNote, m.ActiveFrom, m.ActiveTo,
                        m.IsActiveOn(today), EndReasonText(m.EndReason), agreement, m.PreviousMembershipId);
                }

                return new NetworkMemberView(
                    m.Id, m.Kind, m.PersonName ?? string.Empty, null, null, null, null, null, m.Relation,
                    m.Phone, m.Email, m.Role, m.RoleNote, m.ActiveFrom, m.ActiveTo,
                    m.IsActiveOn(today), EndReasonText(m.EndReason), agreement, m.PreviousMembershipId);
            })
            .ToList();

        // "Hear me where I am now" (R11): dated records before a consent's cut-off stay out unless otherwise allowed.
        var history = new List<PhaseTransitionView>();
        foreach (var t in course.PhaseTransitions.OrderBy(t => t.At))
        {
            var subject = CitizenDataAccess.SubjectOf(course) with { RecordDate = CopenhagenTime.DateOf(t.At) };
            if ((await access.DecideAsync(subject, Status, cancellationToken)).Permitted)
            {
                history.Add(new PhaseTransitionView(t.FromPhase, t.ToPhase, t.At, t.ChangedByName, t.Note));
            }
        }

        var contact = await access.MaySeeContactDetailsAsync(record, cancellationToken);
        var citizenConsents = await access.VisibleConsentsAsync(citizen.Id, cancellationToken);
        var permissions = await access.PermissionsAsync(record, cancellationToken);
        var canEdit = permissions.Change;

        return new CourseDetail(
            course.Id,
            CitizenView.Of(citizen, contact),
            new TargetGroupRef(targetGroup.Code, targetGroup.DisplayName(English)),
            course.Phase,
            course.StartDate,
            course.EndDate,
            course.IsEnded(today),
            Ref(course.RegionOrganizationId),
            Ref(course.MunicipalityOrganizationId),
            course.IsDemo,
            history,
            members,
            ConsentService.StateOf(citizenConsents, today),
            await consents.ViewsAsync(citizenConsents, cancellationToken),
            canEdit,
            decision.BasisKind!.Value,
            course.TreatmentStartedAt is { } started ? TreatmentStartView.Of(started, course.MunicipalityToldAt) : null,
            permissions);
    }

    /// <summary>Registers the citizen, reporting a broken rule on its path in the request ("citizen.email").</summary>
    private static Citizen RegisterCitizen(CitizenDetails details, Guid? organizationId, DateTimeOffset now)
    {
        try
        {
            return Citizen.Register(details, organizationId, now);
        }
        catch (DomainException ex) when (ex.Field is not null)
        {
            throw new DomainException(ex.Code, "citizen." + ex.Field);
        }
    }

    private string? EndReasonText(string? reason) => reason == "Course.Ended" ? localizer["Network.EndReason.CourseEnded"].Value : reason;

    private async Task CheckOrganizationAsync(ValidationErrors errors, string field, Guid? organizationId, Sector sector, CancellationToken cancellationToken)
    {
        if (organizationId is { } id && !await db.Organizations.AnyAsync(o => o.Id == id && o.Sector == sector, cancellationToken))
        {
            errors.Add(field, sector == Sector.Region ? "Course.RegionOrganization.Unknown" : "Course.MunicipalityOrganization.Unknown");
        }
    }
}
