using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Meetings;
using Samspil.Domain.Notifications;
using Samspil.Domain.Questionnaires;
using Samspil.Domain.Reporting;
using Samspil.Features.Access;
using Samspil.Features.Meetings;
using Samspil.Features.Notifications;
using Samspil.Features.Questionnaires;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Collaboration;

/// <summary>
/// The evaluation of the collaboration itself (issue 19, R16; seed 004 K2, K6; docs/questionnaires-collaboration.md).
/// After a network meeting is held (or its minutes approved) and when the course ends, every professional on the
/// network whom the consent covers gets the collaboration questionnaire (an assignment and a notice); never the
/// citizen. They answer once per other side of the network (a tie), and the course's results show each tie's
/// means over time, hiding any figure behind fewer than 5 answers.
/// </summary>
public sealed class CollaborationService(
    SamspilDbContext db,
    CitizenDataAccess access,
    NotificationService notifications,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>At most this many ties in one submission (there are only eight areas).</summary>
    public const int MaxTies = 8;

    /// <summary>The meetings the questionnaire follows: those where the sectors meet about the course.</summary>
    public static bool Follows(MeetingKind kind) =>
        kind is MeetingKind.Network or MeetingKind.JointAssessment or MeetingKind.TaskForce or MeetingKind.Handover;

    /// <summary>After a meeting is recorded as held (or its minutes approved): sends the questionnaire once per respondent and meeting.</summary>
    public Task SendAfterMeetingAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        var meeting = record.Meeting;
        if (!Follows(meeting.Kind) || meeting.Status != MeetingStatus.Held)
        {
            return Task.CompletedTask;
        }

        var day = CopenhagenTime.DateOf(meeting.Start ?? meeting.HeldAt ?? time.GetUtcNow());
        var title = MeetingTitles.Display(localizer, meeting);
        return SendAsync(record.Course, meeting.Id, day, AssignmentOccasion.AfterMeeting, title.Length > 200 ? title[..200] : title, cancellationToken);
    }

    /// <summary>When the course ends: the questionnaire to whoever was on the network on its last day, once.</summary>
    public Task SendAtCourseEndAsync(CourseRecord record, CancellationToken cancellationToken) =>
        record.Course.EndDate is { } end
            ? SendAsync(record, null, end, AssignmentOccasion.CourseEnd, null, cancellationToken)
            : Task.CompletedTask;

    private async Task SendAsync(CourseRecord record, Guid? meetingId, DateOnly day, AssignmentOccasion occasion, string? detail, CancellationToken cancellationToken)
    {
        var instrument = await ActiveInstrumentAsync(cancellationToken);
        if (instrument is null)
        {
            return;
        }

        var network = await access.CollaborationNetworkAsync(record.Course, day, cancellationToken);

        // Only someone with another side to rate is asked; only those the policy lets read the course's meetings.
        var candidates = network.Respondents.Where(r => network.Areas.Any(a => a != r.Area)).Select(r => r.UserId).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var subject = CitizenDataAccess.SubjectOf(record.Course);
        var permitted = await access.PermittedRecipientsAsync(subject, CitizenDataAccess.CollaborationCategory, candidates, cancellationToken);
        var already = await access.CollaborationAlreadySentAsync(record.Course.Id, meetingId, cancellationToken);
        var actor = access.User.AsActor();
        var now = time.GetUtcNow();
        var sent = 0;
        foreach (var recipient in permitted.Where(p => !already.Contains(p.UserId)).OrderBy(p => p.UserId))
        {
            var assignment = QuestionnaireAssignment.Create(record.Course.Id, record.Citizen.Id, instrument, recipient.UserId, meetingId, occasion, null, null, actor, now);
            db.QuestionnaireAssignments.Add(assignment);
            access.Log.Record(record.Citizen.Id, CitizenDataAccess.CollaborationCategory, AccessAction.Create, "QuestionnaireAssignment", assignment.Id, record.Decision);
            await notifications.NotifyAsync(
                new NotificationDraft(
                    NotificationKind.CollaborationQuestionnaire,
                    record.Course.Id,
                    record.Citizen.Id,
                    CitizenDataAccess.CollaborationCategory,
                    detail,
                    $"/Courses/{record.Course.Id}/Collaboration/{assignment.Id}",
                    "collaboration:" + assignment.Id.ToString("N")),
                subject,
                [recipient.UserId],
                cancellationToken);
            sent++;
        }

        if (sent > 0)
        {
            await access.Log.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The signed-in professional's open collaboration questionnaires.</summary>
    public async Task<IReadOnlyList<MyCollaborationAssignmentView>> MineAsync(CancellationToken cancellationToken) =>
        (await access.MyOpenCollaborationAssignmentsAsync(cancellationToken))
            .Select(o => new MyCollaborationAssignmentView(
                o.Assignment.Id,
                o.Course.Course.Id,
                o.Course.Citizen.FullName,
                o.Course.Course.IsDemo,
                o.Assignment.Occasion,
                o.Assignment.MeetingId,
                o.Meeting is { } m ? MeetingTitles.Display(localizer, m) : null,
                o.Meeting?.Start,
                o.Assignment.AssignedAt,
                $"/Courses/{o.Course.Course.Id}/Collaboration/{o.Assignment.Id}"))
            .ToList();

    /// <summary>The questionnaire for its respondent; null (404) for anyone else.</summary>
    public async Task<CollaborationFormView?> FormAsync(Guid courseId, Guid assignmentId, CancellationToken cancellationToken)
    {
        if (await access.FindCollaborationAssignmentAsync(courseId, assignmentId, forAnswer: false, cancellationToken) is not { } found)
        {
            return null;
        }

        var language = Language;
        var definition = found.Instrument.Definition;
        return new CollaborationFormView(
            courseId,
            assignmentId,
            found.Course.Citizen.FullName,
            found.Course.Course.IsDemo,
            definition.Title.For(language),
            definition.Description?.For(language),
            found.Assignment.Occasion,
            found.Meeting is { } m ? MeetingTitles.Display(localizer, m) : null,
            found.Meeting?.Start,
            found.Assignment.Status,
            Area(found.OwnArea),
            found.PartnerAreas.Select(Area).ToList(),
            definition.AllItems().Where(i => i.TakesAnswer).Select(i => new CollaborationItemView(
                i.LinkId, i.Type, i.Text.For(language), i.Required, i.MinValue, i.MaxValue, i.MinLabel?.For(language), i.MaxLabel?.For(language), i.MaxLength)).ToList());
    }

    /// <summary>
    /// Saves one response per tie answered, and marks the assignment answered, in one transaction. Null (404) when the
    /// assignment is not the caller's; a second submission is refused (409); an unknown area, the respondent's own
    /// area or an area not in the network is a 400 naming the tie.
    /// </summary>
    public async Task<CollaborationSubmitted?> SubmitAsync(Guid courseId, Guid assignmentId, CollaborationAnswerRequest? request, CancellationToken cancellationToken)
    {
        if (await access.FindCollaborationAssignmentAsync(courseId, assignmentId, forAnswer: true, cancellationToken) is not { } found)
        {
            return null;
        }

        if (found.Assignment.Status != AssignmentStatus.Open)
        {
            throw new DomainException("Collaboration.AlreadyAnswered");
        }

        var ties = request?.Ties ?? [];
        if (ties.Count == 0)
        {
            throw new DomainException("Collaboration.Tie.None", "ties");
        }

        if (ties.Count > MaxTies)
        {
            throw new DomainException("Collaboration.Tie.TooMany", "ties");
        }

        var actor = access.User.AsActor();
        var now = time.GetUtcNow();
        var seen = new HashSet<CollaborationArea>();
        var responses = new List<QuestionnaireResponse>();
        for (var i = 0; i < ties.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"ties[{i}].partnerArea");
            var tie = ties[i] ?? throw new DomainException("Collaboration.Tie.UnknownArea", field);
            var partner = ParseArea(tie.PartnerArea) ?? throw new DomainException("Collaboration.Tie.UnknownArea", field);
            if (partner == found.OwnArea)
            {
                throw new DomainException("Collaboration.Tie.OwnArea", field);
            }

            if (!found.PartnerAreas.Contains(partner))
            {
                throw new DomainException("Collaboration.Tie.NotInNetwork", field);
            }

            if (!seen.Add(partner))
            {
                throw new DomainException("Collaboration.Tie.Duplicate", field);
            }

            var answers = (tie.Answers ?? []).Select(a => a is null ? null : new QuestionnaireAnswer(a.LinkId ?? string.Empty, Number: a.Number, Text: a.Text)).ToList();
            try
            {
                responses.Add(QuestionnaireResponse.Complete(
                    found.Instrument, courseId, found.Course.Citizen.Id, found.Assignment.Id, answers, ResponseMode.Self, Language, actor, now,
                    respondentArea: found.OwnArea, partnerArea: partner, meetingId: found.Assignment.MeetingId));
            }
            catch (DomainException e) when (e.Field is not null)
            {
                // The item's linkId alone does not say which tie: name both ("ties[1].timely").
                throw new DomainException(e.Code, string.Create(CultureInfo.InvariantCulture, $"ties[{i}].{e.Field}"));
            }
        }

        foreach (var response in responses)
        {
            db.QuestionnaireResponses.Add(response);
            access.Log.Record(found.Course.Citizen.Id, CitizenDataAccess.CollaborationCategory, AccessAction.Create, "QuestionnaireResponse", response.Id, found.Course.Decision);
        }

        found.Assignment.MarkAnswered(now);
        access.Log.Record(found.Course.Citizen.Id, CitizenDataAccess.CollaborationCategory, AccessAction.Update, "QuestionnaireAssignment", found.Assignment.Id, found.Course.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return new CollaborationSubmitted(
            found.Assignment.Id,
            responses.Select(r => new CollaborationTieResult(r.Id, r.RespondentArea!.Value, r.PartnerArea!.Value, r.PrimaryScore, r.Flagged)).ToList());
    }

    /// <summary>The course's results per tie over time, suppressed below 5 answers; null (404) unless staff who may read the course's meetings.</summary>
    public async Task<CollaborationResultsView?> ResultsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (await access.ReadCollaborationResultsAsync(courseId, cancellationToken) is not { } found)
        {
            return null;
        }

        var language = Language;
        var rules = (found.Instruments.OrderByDescending(i => i.Version).FirstOrDefault()?.Definition ?? ShippedInstruments.Collaboration().Definition).Scoring;
        var dimensions = ShippedInstruments.CollaborationDimensions
            .Select(key => new CollaborationDimensionView(key, rules.Scales.FirstOrDefault(s => s.Key == key)?.Title.For(language) ?? key))
            .ToList();
        var weakAt = rules.PrimaryScale?.CutOff?.Value ?? 2.5m;
        var meetings = found.Meetings.ToDictionary(m => m.Id);

        var ties = found.Responses
            .GroupBy(r => (A: (CollaborationArea)Math.Min((int)r.RespondentArea!.Value, (int)r.PartnerArea!.Value), B: (CollaborationArea)Math.Max((int)r.RespondentArea!.Value, (int)r.PartnerArea!.Value)))
            .OrderBy(g => g.Key.A).ThenBy(g => g.Key.B)
            .Select(tie =>
            {
                var rows = tie
                    .GroupBy(r => r.MeetingId)
                    .Select(occasion =>
                    {
                        var meeting = occasion.Key is { } id ? meetings.GetValueOrDefault(id) : null;
                        var date = meeting?.Start is { } start ? CopenhagenTime.DateOf(start) : CopenhagenTime.DateOf(occasion.Max(r => r.AuthoredAt));
                        var label = occasion.Key is null ? localizer["Collaboration.Occasion.CourseEnd"].Value
                            : meeting is not null ? MeetingTitles.Display(localizer, meeting)
                            : localizer["Collaboration.Occasion.AfterMeeting"].Value;
                        return Row(occasion.Key is null ? "CourseEnd" : "AfterMeeting", occasion.Key, label, date, occasion.ToList(), weakAt);
                    })
                    .OrderBy(r => r.Date)
                    .ToList();
                rows.Add(Row("All", null, localizer["Collaboration.Results.All"].Value, null, tie.ToList(), weakAt));
                var suggestions = tie.Count() >= Suppression.Threshold
                    ? tie.SelectMany(r => r.Answers).Where(a => a.LinkId == ShippedInstruments.CollaborationImproveItem && a.Text is not null).Select(a => a.Text!).Order(StringComparer.Ordinal).ToList()
                    : [];
                return new CollaborationTieView(tie.Key.A, tie.Key.B, AreaName(tie.Key.A) + " – " + AreaName(tie.Key.B), rows, suggestions);
            })
            .ToList();
        return new CollaborationResultsView(courseId, found.Course.Citizen.FullName, found.Course.Course.IsDemo, Suppression.Threshold, weakAt, dimensions, ties);
    }

    /// <summary>A mean shown only when at least <see cref="Suppression.Threshold"/> answers lie behind it (the dashboard's rule).</summary>
    private static Cell Mean(IReadOnlyCollection<decimal> values) =>
        values.Count < Suppression.Threshold
            ? Cell.Hidden(CellKind.Average)
            : Cell.Shown(CellKind.Average, Math.Round(values.Average(), 1, MidpointRounding.AwayFromZero));

    private static CollaborationTieRow Row(string occasion, Guid? meetingId, string label, DateOnly? date, IReadOnlyList<QuestionnaireResponse> responses, decimal weakAt)
    {
        var total = Mean(responses.Where(r => r.PrimaryScore is not null).Select(r => r.PrimaryScore!.Value).ToList());
        var dimensions = ShippedInstruments.CollaborationDimensions
            .Select(key => Mean(responses.SelectMany(r => r.Scores).Where(s => s.Key == key && s.Value is not null).Select(s => s.Value!.Value).ToList()))
            .ToList();
        return new CollaborationTieRow(occasion, meetingId, label, date, Suppression.Count(responses.Count), total, dimensions, total.IsShown && total.Value <= weakAt);
    }

    /// <summary>An area by its name ("Employment"); numbers and unknown names are not areas.</summary>
    public static CollaborationArea? ParseArea(string? value) =>
        value is { Length: > 0 and <= 40 } && char.IsLetter(value[0]) && Enum.TryParse<CollaborationArea>(value, ignoreCase: false, out var area) && Enum.IsDefined(area)
            ? area
            : null;

    private CollaborationAreaView Area(CollaborationArea area) => new(area, AreaName(area));

    private string AreaName(CollaborationArea area) => localizer["Collaboration.Area." + area].Value;

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "da";

    private Task<Instrument?> ActiveInstrumentAsync(CancellationToken cancellationToken) =>
        db.Instruments.AsNoTracking()
            .Where(i => i.Key == ShippedInstruments.CollaborationKey && i.Purpose == InstrumentPurpose.Collaboration && i.Status == InstrumentStatus.Active)
            .OrderByDescending(i => i.Version)
            .FirstOrDefaultAsync(cancellationToken);
}
