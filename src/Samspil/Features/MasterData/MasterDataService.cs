using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Citizens;
using Samspil.Domain.Common;
using Samspil.Domain.Courses;
using Samspil.Domain.Directory;
using Samspil.Domain.MasterData;
using Samspil.Features.Access;
using Samspil.Features.Courses;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.MasterData;

/// <summary>
/// Corrections of master data (ADR 0014), shared by the API and the pages. Each correction is made
/// against a version (If-Match or the form's hidden field), every changed field is kept in the
/// history with who and when, and the change is logged in the citizen's access log in the same
/// transaction. Who may is decided in <see cref="CitizenDataAccess"/>.
/// </summary>
public sealed class MasterDataService(SamspilDbContext db, CitizenDataAccess access, TimeProvider time, Meetings.MeetingService meetings)
{
    /// <summary>The citizen's own record as the caller may read it; null (404) unless read at citizen level.</summary>
    public async Task<CitizenView?> GetCitizenAsync(Guid citizenId, CancellationToken cancellationToken) =>
        await access.ReadCitizenAsync(citizenId, cancellationToken) is { } record ? CitizenView.Of(record.Citizen, contact: true) : null;

    /// <summary>May the caller correct this citizen's record (and how much)? Null when not.</summary>
    public async Task<CitizenEditor?> CitizenEditorAsync(Guid citizenId, CancellationToken cancellationToken) =>
        (await access.FindCitizenForChangeAsync(citizenId, cancellationToken, tracked: false))?.Editor;

    /// <summary>Corrects a citizen's record; null (404) when the caller may not. <paramref name="expectedVersion"/> null means "whatever is current".</summary>
    public async Task<CitizenView?> CorrectCitizenAsync(Guid citizenId, int? expectedVersion, CitizenCorrectionRequest request, CancellationToken cancellationToken)
    {
        if (await access.FindCitizenForChangeAsync(citizenId, cancellationToken) is not var (record, editor))
        {
            return null;
        }

        var citizen = record.Citizen;
        try
        {
            var errors = new ValidationErrors();
            errors.Required("givenName", request.GivenName, "Citizen.GivenName.Required");
            errors.Required("familyName", request.FamilyName, "Citizen.FamilyName.Required");
            errors.Required("preferredLanguage", request.PreferredLanguage, "Citizen.PreferredLanguage.Required");
            errors.Required("interpreterNeeded", request.InterpreterNeeded, "Citizen.InterpreterNeeded.Required");
            if (editor != CitizenEditor.Staff
                && (!string.Equals(request.GivenName?.Trim(), citizen.GivenName, StringComparison.Ordinal)
                    || !string.Equals(request.FamilyName?.Trim(), citizen.FamilyName, StringComparison.Ordinal)))
            {
                // A name comes from the CPR register: staff correct it, the citizen asks them to.
                errors.Add("givenName", "MasterData.Name.StaffOnly");
            }

            if (!errors.IsEmpty)
            {
                throw new InputValidationException(errors);
            }

            if (expectedVersion is { } expected && expected != citizen.Version)
            {
                throw new MasterDataVersionConflictException(citizen.Version);
            }

            var now = CopenhagenTime.Now(time);
            var changes = citizen.Correct(new CitizenDetails(
                request.GivenName, request.FamilyName, citizen.Cpr, request.PreferredLanguage, request.InterpreterNeeded!.Value,
                request.InterpreterLanguage, request.Phone, request.Email, request.Address));
            if (changes.Count > 0)
            {
                access.RecordMasterDataChanges(MasterDataEntity.Citizen, citizen.Id, citizen.Id, citizen.Version, changes, record.Decision, now);
                await access.Log.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            access.DiscardChanges();
            throw new MasterDataVersionConflictException(await CurrentCitizenVersionAsync(citizenId, cancellationToken));
        }
        catch
        {
            access.DiscardChanges();
            throw;
        }

        return CitizenView.Of(citizen, contact: true);
    }

    /// <summary>The corrections of a citizen's record, newest first; null (404) unless the caller may read the record.</summary>
    public async Task<IReadOnlyList<MasterDataChangeView>?> CitizenHistoryAsync(Guid citizenId, CancellationToken cancellationToken)
    {
        if (await access.ReadCitizenAsync(citizenId, cancellationToken) is not { } record)
        {
            return null;
        }

        var changes = await access.MasterDataHistoryAsync(MasterDataEntity.Citizen, citizenId, citizenId, record.Decision, cancellationToken);
        return changes.Select(MasterDataChangeView.Of).ToList();
    }

    /// <summary>A course's master data; null (404) unless the caller may read the course.</summary>
    public async Task<CourseMasterDataView?> GetCourseAsync(Guid courseId, CancellationToken cancellationToken) =>
        await access.ReadCourseAsync(courseId, Domain.Consents.InformationCategory.StatusAndAppointments, cancellationToken) is { } record ? ViewOf(record.Course) : null;

    /// <summary>
    /// Corrects a course's master data; null (404) unless the caller may change the course (on its
    /// active network or from the organisation that recorded it). A move of municipality is dated today.
    /// </summary>
    public async Task<CourseMasterDataView?> CorrectCourseAsync(Guid courseId, int? expectedVersion, CourseCorrectionRequest request, CancellationToken cancellationToken)
    {
        if (await access.FindCourseForSteeringAsync(courseId, cancellationToken) is not { } record)
        {
            return null;
        }

        var course = record.Course;
        var followCourse = false;
        try
        {
            var errors = new ValidationErrors();
            errors.Required("targetGroupCode", request.TargetGroupCode, "Course.TargetGroup.Required");
            if (request.TargetGroupCode is { } code
                && (code.Length > 50 || Guard.HasControlCharacters(code) || !await db.TargetGroups.AnyAsync(t => t.Code == code.Trim() && t.Active, cancellationToken)))
            {
                errors.Add("targetGroupCode", "Course.TargetGroup.Unknown");
            }

            if (request.RegionOrganizationId is null && request.MunicipalityOrganizationId is null)
            {
                errors.Add("regionOrganizationId", "Course.ResponsibleOrganization.Required");
            }

            await CheckOrganizationAsync(errors, "regionOrganizationId", request.RegionOrganizationId, Sector.Region, cancellationToken);
            await CheckOrganizationAsync(errors, "municipalityOrganizationId", request.MunicipalityOrganizationId, Sector.Municipality, cancellationToken);
            if (!errors.IsEmpty)
            {
                throw new InputValidationException(errors);
            }

            if (expectedVersion is { } expected && expected != course.Version)
            {
                throw new MasterDataVersionConflictException(course.Version);
            }

            var now = CopenhagenTime.Now(time);
            var changes = course.CorrectMasterData(
                new CourseMasterData(request.TargetGroupCode, request.RegionOrganizationId, request.MunicipalityOrganizationId, request.ExpectedTreatmentEndDate), now);
            if (changes.Count > 0)
            {
                access.RecordMasterDataChanges(MasterDataEntity.Course, course.Id, course.CitizenId, course.Version, changes, record.Decision, now);
                await access.Log.CommitAsync(cancellationToken);
                followCourse = true;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            access.DiscardChanges();
            throw new MasterDataVersionConflictException(expectedVersion ?? course.Version);
        }
        catch
        {
            access.DiscardChanges();
            throw;
        }

        if (followCourse)
        {
            // Issue 17: the handover follows the expected end of treatment; a new target group brings its models.
            await meetings.FollowCourseAsync(course.Id, cancellationToken);
        }

        return ViewOf(course);
    }

    /// <summary>The corrections of a course's master data, newest first; null (404) unless the caller may read the course.</summary>
    public async Task<IReadOnlyList<MasterDataChangeView>?> CourseHistoryAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.ReadCourseAsync(courseId, Domain.Consents.InformationCategory.StatusAndAppointments, cancellationToken) is not { } record)
        {
            return null;
        }

        var changes = await access.MasterDataHistoryAsync(MasterDataEntity.Course, courseId, record.Course.CitizenId, record.Decision, cancellationToken);
        return changes.Select(MasterDataChangeView.Of).ToList();
    }

    private static CourseMasterDataView ViewOf(Course c) =>
        new(c.Id, c.CitizenId, c.TargetGroupCode, c.RegionOrganizationId, c.MunicipalityOrganizationId, c.ExpectedTreatmentEndDate, c.Version);

    private async Task<int> CurrentCitizenVersionAsync(Guid citizenId, CancellationToken cancellationToken) =>
        (await access.ReadCitizenAsync(citizenId, cancellationToken))?.Citizen.Version ?? 0;

    private async Task CheckOrganizationAsync(ValidationErrors errors, string field, Guid? organizationId, Sector sector, CancellationToken cancellationToken)
    {
        if (organizationId is { } id && !await db.Organizations.AnyAsync(o => o.Id == id && o.Sector == sector, cancellationToken))
        {
            errors.Add(field, sector == Sector.Region ? "Course.RegionOrganization.Unknown" : "Course.MunicipalityOrganization.Unknown");
        }
    }
}
