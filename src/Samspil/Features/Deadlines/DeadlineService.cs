using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Deadlines;
using Samspil.Domain.Frames;
using Samspil.Features.Access;
using Samspil.Features.Frames;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Deadlines;

/// <summary>
/// Statutory deadlines on a course (issue 17 point 8, docs/deadlines.md): started by staff who may change the course from one
/// of the frames' deadlines, read through the access layer per category, marked done or ended. Every read and change is logged.
/// </summary>
public sealed class DeadlineService(SamspilDbContext db, CitizenDataAccess access, FrameService frames, TimeProvider time)
{
    public const int MaxNameLength = 200;

    public async Task<DeadlinesView?> GetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.ReadDeadlinesAsync(courseId, cancellationToken) is not { } read)
        {
            return null;
        }

        var today = CopenhagenTime.Today(time);
        var canChange = access.User.IsStaff && await access.MayChangeAsync(read.Course, cancellationToken);
        var deadlines = read.Deadlines.Select(d => DeadlineView.From(d, today))
            .OrderBy(d => Urgency(d.Status))
            .ThenBy(d => d.NextDue ?? DateOnly.MaxValue)
            .ThenByDescending(d => d.DoneOn ?? d.EndedOn ?? DateOnly.MinValue)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
        IReadOnlyList<DeadlineRuleView> rules = canChange ? await RulesAsync(read.Course, cancellationToken) : [];
        return new DeadlinesView(courseId, read.Course.Citizen.FullName, today, deadlines, read.SomeHidden, canChange, rules);
    }

    /// <summary>Staff: starts a frame's deadline on the course from the given date (or the course's date the rule runs from).</summary>
    public async Task<DeadlinesView?> StartAsync(Guid courseId, StartDeadlineRequest request, CancellationToken cancellationToken)
    {
        if (await access.FindDeadlinesForChangeAsync(courseId, cancellationToken) is not { } record)
        {
            return null;
        }

        var errors = new ValidationErrors();
        if (!FrameEndpoints.TryParseKind(request.Kind, out var kind))
        {
            errors.Add("kind", "Deadline.Kind.Unknown");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
        {
            errors.Add("name", "Deadline.Name.Required");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var frame = await frames.FrameAsync(kind, cancellationToken);
        var name = request.Name!.Trim();
        var rule = frame?.Deadlines.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new DomainException("Deadline.Rule.Unknown", "name");
        if (rule.Type == DeadlineType.Ongoing)
        {
            throw new DomainException("Deadline.Ongoing", "name");
        }

        var category = DeadlineCategory.For(kind);
        var decision = await access.DecideCategoryAsync(record, category, cancellationToken);
        if (!decision.Permitted)
        {
            throw new DomainException("Deadline.Category.Forbidden");
        }

        var startsOn = request.StartsOn;
        if (startsOn is null && rule.StartEvent is { } startEvent and not DeadlineStartEvent.Entered)
        {
            startsOn = await access.CourseEventDateAsync(record, startEvent, cancellationToken);
        }

        if (startsOn is null)
        {
            throw new DomainException("Deadline.StartsOn.Required", "startsOn");
        }

        if (await access.DeadlineRunningAsync(courseId, kind, rule.Name!, cancellationToken))
        {
            throw new DomainException("Deadline.Running");
        }

        var deadline = CourseDeadline.Start(courseId, record.Citizen.Id, kind, rule, startsOn.Value, request.Note, access.User.AsActor(), CopenhagenTime.Now(time));
        db.CourseDeadlines.Add(deadline);
        access.Log.Record(record.Citizen.Id, category, AccessAction.Create, "CourseDeadline", deadline.Id, decision);
        await access.Log.CommitAsync(cancellationToken);
        return await GetAsync(courseId, cancellationToken);
    }

    /// <summary>Staff: marks the deadline's current due date done, or ends it. A deadline the caller may not read is 404.</summary>
    public async Task<DeadlinesView?> MarkAsync(Guid courseId, Guid deadlineId, MarkDeadlineRequest request, CancellationToken cancellationToken)
    {
        if (await access.FindDeadlinesForChangeAsync(courseId, cancellationToken) is not { } record
            || await access.DeadlineForChangeAsync(courseId, deadlineId, cancellationToken) is not { } deadline)
        {
            return null;
        }

        var decision = await access.DecideCategoryAsync(record, deadline.Category, cancellationToken);
        if (!decision.Permitted)
        {
            return null;
        }

        if ((request.Done == true) == (request.Ended == true))
        {
            var errors = new ValidationErrors();
            errors.Add("done", "Deadline.Mark.OneOf");
            throw new InputValidationException(errors);
        }

        var now = CopenhagenTime.Now(time);
        var on = request.On ?? now.Today;
        if (request.Done == true)
        {
            deadline.MarkDone(on, access.User.AsActor(), now);
        }
        else
        {
            deadline.End(on, access.User.AsActor(), now);
        }

        access.Log.Record(record.Citizen.Id, deadline.Category, AccessAction.Update, "CourseDeadline", deadline.Id, decision);
        await access.Log.CommitAsync(cancellationToken);
        return await GetAsync(courseId, cancellationToken);
    }

    /// <summary>The frames' deadlines with a due date whose category the caller may read on this course.</summary>
    private async Task<IReadOnlyList<DeadlineRuleView>> RulesAsync(CourseRecord record, CancellationToken cancellationToken)
    {
        var permitted = new Dictionary<InformationCategory, bool>();
        var rules = new List<DeadlineRuleView>();
        foreach (var frame in await frames.FramesAsync(cancellationToken))
        {
            var category = DeadlineCategory.For(frame.Kind);
            if (!permitted.TryGetValue(category, out var may))
            {
                may = (await access.DecideCategoryAsync(record, category, cancellationToken)).Permitted;
                permitted[category] = may;
            }

            if (!may)
            {
                continue;
            }

            rules.AddRange(frame.Deadlines
                .Where(d => d.Type != DeadlineType.Ongoing && d.Amount is not null && d.Unit is not null)
                .Select(d => new DeadlineRuleView(frame.Kind, d.Name!, d.Type, d.Amount!.Value, d.Unit!.Value, d.RunsFrom, d.StartEvent ?? DeadlineStartEvent.Entered, d.RemindDaysBefore, d.RemindKind ?? frame.Kind, d.LegalReference)));
        }

        return rules;
    }

    private static int Urgency(DeadlineStatus status) => status switch
    {
        DeadlineStatus.Overdue => 0,
        DeadlineStatus.DueSoon => 1,
        DeadlineStatus.Upcoming => 2,
        _ => 3,
    };
}
