using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Reporting;
using Samspil.Features.Access;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Reporting;

/// <summary>
/// Records the citizen's work attachment at course end and six months later (R29, R34), in the
/// category work and income; read and changed through the access layer and logged.
/// </summary>
public sealed class WorkAttachmentService(SamspilDbContext db, CitizenDataAccess access, TimeProvider time)
{
    /// <summary>The course's work attachment; null (404) unless the user may read its work and income information.</summary>
    public async Task<WorkAttachmentView?> GetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.ReadWorkAttachmentsAsync(courseId, cancellationToken) is not { } read)
        {
            return null;
        }

        var mayRecord = access.User.IsStaff && await access.FindCourseForWorkAttachmentAsync(courseId, cancellationToken) is not null;
        return View(read.Course.Course.Id, read.Course.Course.EndDate, read.Attachments, mayRecord);
    }

    /// <summary>Records (or corrects) the status at one point; false (404) when the user may not.</summary>
    public async Task<bool> RecordAsync(Guid courseId, RecordWorkAttachmentRequest request, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForWorkAttachmentAsync(courseId, cancellationToken);
        if (record is null)
        {
            return false;
        }

        var errors = new ValidationErrors();
        errors.Required("point", request.Point, "WorkAttachment.Point.Required");
        errors.Required("status", request.Status, "WorkAttachment.Status.Required");
        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var now = CopenhagenTime.Now(time);
        var by = access.User.AsActor();
        var existing = (await access.WorkAttachmentsForChangeAsync(courseId, cancellationToken)).SingleOrDefault(w => w.Point == request.Point);
        AccessAction action;
        Guid id;
        if (existing is null)
        {
            var attachment = WorkAttachment.Record(courseId, record.Citizen.Id, record.Course.EndDate, request.Point!.Value, request.Status!.Value, by, now);
            db.WorkAttachments.Add(attachment);
            (action, id) = (AccessAction.Create, attachment.Id);
        }
        else
        {
            existing.Correct(record.Course.EndDate, request.Status!.Value, by, now);
            (action, id) = (AccessAction.Update, existing.Id);
        }

        access.Log.Record(record.Citizen.Id, InformationCategory.WorkAndIncome, action, "WorkAttachment", id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return true;
    }

    private WorkAttachmentView View(Guid courseId, DateOnly? end, IReadOnlyList<WorkAttachment> attachments, bool mayRecord)
    {
        var today = CopenhagenTime.Today(time);
        WorkAttachmentEntryView? Entry(WorkAttachmentPoint point) =>
            attachments.SingleOrDefault(a => a.Point == point) is { } a ? new WorkAttachmentEntryView(a.Point, a.Status, a.RecordedAt, a.RecordedByName) : null;
        var atEnd = Entry(WorkAttachmentPoint.CourseEnd);
        var followUp = Entry(WorkAttachmentPoint.SixMonthsAfter);
        var followUpOpen = WorkAttachmentSchedule.IsOpen(WorkAttachmentPoint.SixMonthsAfter, end, today);
        return new WorkAttachmentView(
            courseId,
            end,
            end is { } e ? WorkAttachmentSchedule.FollowUpOpensOn(e) : null,
            followUpOpen && followUp is null,
            atEnd,
            followUp,
            mayRecord && WorkAttachmentSchedule.IsOpen(WorkAttachmentPoint.CourseEnd, end, today),
            mayRecord && followUpOpen);
    }
}
