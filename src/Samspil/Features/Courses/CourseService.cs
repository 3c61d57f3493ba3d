using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Citizens;
using Samspil.Domain.Common;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.Network;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Courses;

/// <summary>Use cases for courses, shared by the API and the web pages. Reads go through <see cref="CitizenDataAccess"/>.</summary>
public sealed class CourseService(
    SamspilDbContext db,
    CitizenDataAccess access,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer)
{
    private bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<IReadOnlyList<CourseSummary>> ListAsync(CourseListFilter filter, CancellationToken cancellationToken)
    {
        if (Guard.HasControlCharacters(filter.Query) || Guard.HasControlCharacters(filter.TargetGroup))
        {
            return []; // nobody's name or code contains control characters
        }

        var today = CopenhagenTime.Today(time);
        var courses = access.Courses();
        if (!filter.IncludeEnded)
        {
            courses = courses.Where(c => c.EndDate == null || c.EndDate > today);
        }

        if (filter.Phase is { } phase)
        {
            courses = courses.Where(c => c.Phase == phase);
        }

        if (!string.IsNullOrWhiteSpace(filter.TargetGroup))
        {
            var code = filter.TargetGroup.Trim();
            courses = courses.Where(c => c.TargetGroupCode == code);
        }

        var citizens = access.Citizens();
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var query = filter.Query.Trim();
            if (CprNumber.TryParse(query, today, out var cpr, out _))
            {
                // CPR search is exact match only, never a prefix or partial search.
                citizens = citizens.Where(c => c.Cpr == cpr);
            }
            else
            {
                var term = query.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Runs as SQL lower(...) LIKE, not in .NET.
                citizens = citizens.Where(c => (c.GivenName + " " + c.FamilyName).ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
            }
        }

        var rows = await (
            from course in courses
            join citizen in citizens on course.CitizenId equals citizen.Id
            join targetGroup in db.TargetGroups on course.TargetGroupCode equals targetGroup.Code
            join region in db.Organizations on course.RegionOrganizationId equals region.Id into regions
            from region in regions.DefaultIfEmpty()
            join municipality in db.Organizations on course.MunicipalityOrganizationId equals municipality.Id into municipalities
            from municipality in municipalities.DefaultIfEmpty()
            orderby citizen.FamilyName, citizen.GivenName, course.StartDate
            select new
            {
                course.Id,
                course.CitizenId,
                citizen.GivenName,
                citizen.FamilyName,
                citizen.Cpr,
                course.TargetGroupCode,
                targetGroup.NameDa,
                targetGroup.NameEn,
                course.Phase,
                course.StartDate,
                course.EndDate,
                RegionName = region == null ? null : region.Name,
                MunicipalityName = municipality == null ? null : municipality.Name,
                course.IsDemo,
            }).Take(500).ToListAsync(cancellationToken);

        return rows.Select(r => new CourseSummary(
            r.Id,
            r.CitizenId,
            $"{r.GivenName} {r.FamilyName}",
            r.Cpr.Formatted,
            r.TargetGroupCode,
            English ? r.NameEn : r.NameDa,
            r.Phase,
            r.StartDate,
            r.EndDate,
            r.RegionName,
            r.MunicipalityName,
            r.IsDemo)).ToList();
    }

    public async Task<CourseDetail?> GetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var course = await access.FindCourseAsync(courseId, cancellationToken);
        return course is null ? null : await ToDetailAsync(course, cancellationToken);
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

        // An existing citizen is reused without reading or overwriting what others recorded,
        // and the answer is the same as for a new one: creating a course reveals nothing.
        // Validated before looking the CPR up, so the answer never depends on whether the citizen exists.
        var registered = RegisterCitizen(details, user.OrganizationId, now.Utc);
        var citizen = await db.Citizens.SingleOrDefaultAsync(c => c.Cpr == cpr, cancellationToken);
        if (citizen is null)
        {
            citizen = registered;
            db.Citizens.Add(citizen);
        }

        var course = Course.Start(
            new NewCourse(
                citizen.Id,
                targetGroup!.Code,
                request.Phase!.Value,
                request.StartDate!.Value,
                null,
                request.RegionOrganizationId,
                request.MunicipalityOrganizationId,
                user.OrganizationId),
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
        await db.SaveChangesAsync(cancellationToken);
        return course.Id;
    }

    public async Task<bool> ChangePhaseAsync(Guid courseId, ChangePhaseRequest request, CancellationToken cancellationToken)
    {
        var course = await FindEditableAsync(courseId, cancellationToken);
        if (course is null)
        {
            return false;
        }

        if (request.Phase is null)
        {
            throw new DomainException("Course.Phase.Required", "phase");
        }

        course.ChangePhase(request.Phase.Value, access.User.AsActor(), CopenhagenTime.Now(time), request.Note);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> EndAsync(Guid courseId, EndCourseRequest request, CancellationToken cancellationToken)
    {
        var course = await FindEditableAsync(courseId, cancellationToken);
        if (course is null)
        {
            return false;
        }

        if (request.EndDate is null)
        {
            throw new DomainException("Course.EndDate.Required", "endDate");
        }

        course.End(request.EndDate.Value, CopenhagenTime.Now(time));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>A visible course that the current user may change, or null (read as 404).</summary>
    internal async Task<Course?> FindEditableAsync(Guid courseId, CancellationToken cancellationToken) =>
        access.CanEdit ? await access.FindCourseAsync(courseId, cancellationToken) : null;

    internal async Task<CourseDetail> ToDetailAsync(Course course, CancellationToken cancellationToken)
    {
        var citizen = await db.Citizens.SingleAsync(c => c.Id == course.CitizenId, cancellationToken);
        var targetGroup = await db.TargetGroups.SingleAsync(t => t.Code == course.TargetGroupCode, cancellationToken);
        var roleIds = course.Members.Where(m => m.PractitionerRoleId != null).Select(m => m.PractitionerRoleId!.Value).Distinct().ToList();
        var roles = await (
            from role in db.PractitionerRoles
            join professional in db.Professionals on role.ProfessionalId equals professional.Id
            join organization in db.Organizations on role.OrganizationId equals organization.Id
            where roleIds.Contains(role.Id)
            select new { Role = role, Professional = professional, Organization = organization })
            .ToDictionaryAsync(r => r.Role.Id, cancellationToken);
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

        return new CourseDetail(
            course.Id,
            new CitizenView(
                citizen.Id, citizen.GivenName, citizen.FamilyName, citizen.Cpr.Formatted, citizen.Cpr.BirthDate,
                citizen.PreferredLanguage, citizen.InterpreterNeeded, citizen.InterpreterLanguage,
                citizen.Phone, citizen.Email, citizen.Address, citizen.IsDemo),
            new TargetGroupRef(targetGroup.Code, targetGroup.DisplayName(English)),
            course.Phase,
            course.StartDate,
            course.EndDate,
            course.IsEnded(today),
            Ref(course.RegionOrganizationId),
            Ref(course.MunicipalityOrganizationId),
            course.IsDemo,
            course.PhaseTransitions.OrderBy(t => t.At).Select(t => new PhaseTransitionView(t.FromPhase, t.ToPhase, t.At, t.ChangedByName, t.Note)).ToList(),
            members);
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
