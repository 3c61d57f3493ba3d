using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Network;
using Samspil.Features.Access;
using Samspil.Features.Courses;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Network;

/// <summary>Changes to a course's network (R8). The citizen's agreement is recorded for every member.</summary>
public sealed class NetworkService(SamspilDbContext db, CourseService courses, CitizenDataAccess access, TimeProvider time)
{
    /// <returns>The new membership id, or null when the course is not visible (404).</returns>
    public async Task<Guid?> AddAsync(Guid courseId, AddNetworkMemberRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForSteeringAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var now = CopenhagenTime.Now(time);
        var errors = new ValidationErrors();
        errors.Required("kind", request.Kind, "Network.Kind.Required");
        errors.Required("role", request.Role, "Network.Role.Required");
        var agreement = ValidateAgreement(errors, request.CitizenAgreement);
        if (request.Kind == MemberKind.Professional)
        {
            if (request.PractitionerRoleId is null)
            {
                errors.Add("practitionerRoleId", "Network.PractitionerRole.Required");
            }
            else if (!await db.PractitionerRoles.AnyAsync(r => r.Id == request.PractitionerRoleId && r.Active, cancellationToken))
            {
                errors.Add("practitionerRoleId", "Network.PractitionerRole.Unknown");
            }
        }
        else if (request.Kind is not null)
        {
            errors.Required("personName", request.PersonName, "Network.PersonName.Required");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var member = record.Course.AddMember(
            new NewNetworkMember(
                request.Kind!.Value,
                request.PractitionerRoleId,
                request.PersonName,
                request.Relation,
                request.Phone,
                request.Email,
                request.Role!.Value,
                request.RoleNote,
                request.ActiveFrom ?? now.Today,
                agreement),
            access.User.AsActor(),
            now);
        await courses.CommitChangeAsync(record, "NetworkMember", member.Id, cancellationToken);
        return member.Id;
    }

    public async Task<bool> EndAsync(Guid courseId, Guid memberId, EndNetworkMemberRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForSteeringAsync(courseId, cancellationToken);
        if (record is null)
        {
            return false;
        }

        var now = CopenhagenTime.Now(time);
        record.Course.EndMembership(memberId, request.EndDate ?? now.Today, request.Reason, now);
        await courses.CommitChangeAsync(record, "NetworkMember", memberId, cancellationToken);
        return true;
    }

    public async Task<Guid?> RejoinAsync(Guid courseId, Guid memberId, RejoinNetworkMemberRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForSteeringAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var errors = new ValidationErrors();
        var agreement = ValidateAgreement(errors, request.CitizenAgreement);
        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var now = CopenhagenTime.Now(time);
        var member = record.Course.Rejoin(memberId, request.ActiveFrom ?? now.Today, agreement!, request.Role, access.User.AsActor(), now);
        await courses.CommitChangeAsync(record, "NetworkMember", member.Id, cancellationToken);
        return member.Id;
    }

    private static CitizenAgreement? ValidateAgreement(ValidationErrors errors, AgreementInput? input)
    {
        if (input?.AgreedOn is null || input.Method is null)
        {
            errors.Add("citizenAgreement", "Network.Agreement.Required");
            return null;
        }

        return new CitizenAgreement(input.AgreedOn.Value, input.Method.Value, input.Note);
    }
}
