using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Notifications;
using Samspil.Domain.Questionnaires;
using Samspil.Features.Access;
using Samspil.Features.Notifications;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Questionnaires;

/// <summary>
/// A professional assigns a questionnaire to the citizen; the citizen (or their proxy) answers it on the phone in their
/// language, or a professional enters the answers together with the citizen at a meeting; the citizen sees their own
/// answers and scores in plain words (docs/questionnaires-answering.md). Every read and change goes through
/// <see cref="CitizenDataAccess"/> in the instrument's consent category.
/// </summary>
public sealed class QuestionnaireAnswering(SamspilDbContext db, CitizenDataAccess access, NotificationService notifications, TimeProvider time)
{
    /// <summary>At most this many answers in one submission (the longest shipped instrument has far fewer items).</summary>
    public const int MaxAnswers = 300;

    /// <summary>The active instruments a citizen answers (screening, experience), newest version of each key, titled in <paramref name="language"/>.</summary>
    public async Task<IReadOnlyList<AssignableInstrumentView>> AssignableInstrumentsAsync(string language, CancellationToken cancellationToken)
    {
        var instruments = await db.Instruments.AsNoTracking()
            .Where(i => i.Status == InstrumentStatus.Active && (i.Purpose == InstrumentPurpose.Screening || i.Purpose == InstrumentPurpose.CitizenExperience))
            .ToListAsync(cancellationToken);
        return instruments
            .GroupBy(i => i.Key, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(i => i.Version).First())
            .Select(i => new AssignableInstrumentView(i.Id, i.Key, i.Version, i.Definition.Title.For(language), i.Purpose))
            .OrderBy(i => i.Title, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The course's citizen questionnaires as the reader may see them; null (404) unless the reader may read the course.</summary>
    public async Task<CourseQuestionnairesView?> GetCourseAsync(Guid courseId, string language, CancellationToken cancellationToken)
    {
        var record = await access.ReadCourseQuestionnairesAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var canAssign = access.User.IsProfessional && await access.MayChangeAsync(record.Course, cancellationToken)
            && !record.Course.Course.IsEnded(CopenhagenTime.Today(time));
        var assignments = record.Assignments.Select(a => ToView(a, language)).ToList();
        var loose = record.Responses.Where(r => r.Response.AssignmentId is null).Select(r => ToView(r.Response, r.Instrument, language)).ToList();
        var instruments = canAssign ? await AssignableInstrumentsAsync(language, cancellationToken) : [];
        return new CourseQuestionnairesView(courseId, record.Course.Citizen.FullName, canAssign, assignments, loose, instruments);
    }

    /// <summary>
    /// Assigns an instrument to the course's citizen and tells them (and their proxies the power of attorney covers) with
    /// a notice that links to the answering page. Null (404) unless the professional is on the course's network and may
    /// read the instrument's category.
    /// </summary>
    public async Task<QuestionnaireAssignmentView?> AssignAsync(Guid courseId, AssignQuestionnaireRequest request, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instrument = request.InstrumentId is { } instrumentId ? await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instrumentId, cancellationToken) : null;
        if (instrument is null)
        {
            // Say what is wrong only to someone who may change the course; everyone else learns nothing.
            return await access.FindCourseForChangeAsync(courseId, cancellationToken) is null
                ? null
                : throw new DomainException("Questionnaire.Instrument.Unknown", "instrumentId");
        }

        var record = await access.FindCourseForQuestionnaireAsync(courseId, instrument, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var now = CopenhagenTime.Now(time);
        if (record.Course.IsEnded(now.Today))
        {
            throw new DomainException("Course.Ended");
        }

        if (!instrument.AnsweredByCitizen)
        {
            throw new DomainException("Questionnaire.Assignment.WrongRespondent", "instrumentId");
        }

        if (request.DueOn is { } due && due < now.Today)
        {
            throw new DomainException("Questionnaire.DueOn.Past", "dueOn");
        }

        var assignment = QuestionnaireAssignment.Create(courseId, record.Citizen.Id, instrument, null, null, AssignmentOccasion.Assigned, request.Message, request.DueOn, access.User.AsActor(), now.Utc);
        db.QuestionnaireAssignments.Add(assignment);
        access.Log.Record(record.Citizen.Id, instrument.Category, AccessAction.Create, "QuestionnaireAssignment", assignment.Id, record.Decision);

        var candidates = await access.QuestionnaireRespondentAccountsAsync(record.Citizen.Id, cancellationToken);
        if (candidates.Count > 0)
        {
            var draft = new NotificationDraft(
                NotificationKind.QuestionnaireAssigned,
                courseId,
                record.Citizen.Id,
                instrument.Category,
                Detail: null, // the instrument's name says something about the citizen: it is shown only behind the sign-in, never in a notice e-mail
                Link: $"/Me/Questionnaires/{assignment.Id}",
                DeduplicationKey: "questionnaire-assigned:" + assignment.Id.ToString("N"));
            await notifications.NotifyAsync(draft, CitizenDataAccess.SubjectOf(record.Course), candidates, cancellationToken);
        }

        await access.Log.CommitAsync(cancellationToken);
        return ToView(new QuestionnaireAssignmentRecord(assignment, instrument, null), language);
    }

    /// <summary>Withdraws an open assignment; null (404) unless the professional may assign its instrument on the course. Not open: a conflict.</summary>
    public async Task<QuestionnaireAssignmentView?> WithdrawAsync(Guid courseId, Guid assignmentId, string language, CancellationToken cancellationToken)
    {
        if (await access.FindAssignmentForChangeAsync(courseId, assignmentId, cancellationToken) is not { } found)
        {
            return null;
        }

        var (record, assignment, instrument) = found;
        assignment.Withdraw();
        access.Log.Record(record.Citizen.Id, instrument.Category, AccessAction.Update, "QuestionnaireAssignment", assignment.Id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return ToView(new QuestionnaireAssignmentRecord(assignment, instrument, null), language);
    }

    /// <summary>The signed-in citizen's (or proxy's citizen's) questionnaires: open ones first, answered ones with their results.</summary>
    public async Task<MyQuestionnairesView> GetMineAsync(string language, CancellationToken cancellationToken)
    {
        var records = await access.ReadMyQuestionnairesAsync(cancellationToken);
        var assignments = records.SelectMany(r => r.Assignments).Select(a => ToView(a, language)).ToList();
        var other = records.SelectMany(r => r.Responses).Where(r => r.Response.AssignmentId is null).Select(r => ToView(r.Response, r.Instrument, language)).ToList();
        return new MyQuestionnairesView(
            assignments.Where(a => a.Status == AssignmentStatus.Open).OrderBy(a => a.DueOn ?? DateOnly.MaxValue).ThenBy(a => a.AssignedAt).ToList(),
            assignments.Where(a => a.Status == AssignmentStatus.Answered).OrderByDescending(a => a.AnsweredAt).ToList(),
            other);
    }

    /// <summary>An assignment of the signed-in citizen (or proxy) with its instrument, for the answering form; null (404) otherwise.</summary>
    public async Task<(QuestionnaireAssignmentView View, Instrument Instrument)?> GetMyAssignmentAsync(Guid assignmentId, string language, CancellationToken cancellationToken)
    {
        if (await access.FindMyAssignmentAsync(assignmentId, cancellationToken) is not { } found)
        {
            return null;
        }

        await access.Log.CommitAsync(cancellationToken);
        return (ToView(found.Assignment, language), found.Assignment.Instrument);
    }

    /// <summary>
    /// The citizen or their proxy answers an open assignment: the answers are checked and scored, the response saved and
    /// the assignment marked answered in one transaction. Null (404) when it is not theirs; a second answer (also two at
    /// once) is a conflict (<see cref="DomainException"/> "Questionnaire.Assignment.NotOpen" or a concurrency failure).
    /// </summary>
    public async Task<QuestionnaireResponseView?> SubmitAsync(Guid assignmentId, SubmitAnswersRequest request, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await access.FindMyAssignmentAsync(assignmentId, cancellationToken) is not { } found)
        {
            return null;
        }

        var (record, (assignment, instrument, _)) = found;
        if (assignment.Status != AssignmentStatus.Open)
        {
            throw new DomainException("Questionnaire.Assignment.NotOpen");
        }

        var mode = record.Decision.BasisKind == AccessBasisKind.Proxy ? ResponseMode.Proxy : ResponseMode.Self;
        var now = time.GetUtcNow();
        var answered = AnswerLanguage(request.Language, language);
        var response = QuestionnaireResponse.Complete(instrument, record.Course.Id, record.Citizen.Id, assignment.Id, ToAnswers(request.Answers), mode, answered, access.User.AsActor(), now);
        assignment.MarkAnswered(now);
        db.QuestionnaireResponses.Add(response);
        access.Log.Record(record.Citizen.Id, instrument.Category, AccessAction.Create, "QuestionnaireResponse", response.Id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return ToView(response, instrument, language);
    }

    /// <summary>
    /// A professional enters the answers together with the citizen (at a meeting): to an open assignment of the course or
    /// without one. Null (404) unless they are on the course's network and may read the instrument's category.
    /// </summary>
    public async Task<QuestionnaireResponseView?> EnterTogetherAsync(Guid courseId, EnterTogetherRequest request, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        QuestionnaireAssignment? assignment = null;
        Instrument? instrument;
        CourseRecord? record;
        if (request.AssignmentId is { } assignmentId)
        {
            if (await access.FindAssignmentForChangeAsync(courseId, assignmentId, cancellationToken) is not { } found)
            {
                return null;
            }

            (record, assignment, instrument) = found;
            if (request.InstrumentId is { } asked && asked != instrument.Id)
            {
                throw new DomainException("Questionnaire.Instrument.Mismatch", "instrumentId");
            }

            if (assignment.Status != AssignmentStatus.Open)
            {
                throw new DomainException("Questionnaire.Assignment.NotOpen");
            }
        }
        else
        {
            instrument = request.InstrumentId is { } instrumentId ? await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instrumentId, cancellationToken) : null;
            if (instrument is null)
            {
                return await access.FindCourseForChangeAsync(courseId, cancellationToken) is null
                    ? null
                    : throw new DomainException("Questionnaire.Instrument.Unknown", "instrumentId");
            }

            record = await access.FindCourseForQuestionnaireAsync(courseId, instrument, cancellationToken);
            if (record is null)
            {
                return null;
            }

            if (instrument.Status != InstrumentStatus.Active)
            {
                throw new DomainException("Questionnaire.Instrument.Retired", "instrumentId");
            }
        }

        if (!instrument.AnsweredByCitizen)
        {
            throw new DomainException("Questionnaire.Assignment.WrongRespondent", "instrumentId");
        }

        var now = time.GetUtcNow();
        var response = QuestionnaireResponse.Complete(instrument, courseId, record.Citizen.Id, assignment?.Id, ToAnswers(request.Answers), ResponseMode.TogetherWithProfessional, AnswerLanguage(request.Language, language), access.User.AsActor(), now);
        assignment?.MarkAnswered(now);
        db.QuestionnaireResponses.Add(response);
        access.Log.Record(record.Citizen.Id, instrument.Category, AccessAction.Create, "QuestionnaireResponse", response.Id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return ToView(response, instrument, language);
    }

    /// <summary>Marks a response entered in error (kept, left out of scores and trends); null (404) unless the reader may.</summary>
    public async Task<QuestionnaireResponseView?> MarkEnteredInErrorAsync(Guid courseId, Guid responseId, string language, CancellationToken cancellationToken)
    {
        if (await access.FindResponseForChangeAsync(courseId, responseId, cancellationToken) is not { } found)
        {
            return null;
        }

        var (record, response, instrument) = found;
        if (response.Status == ResponseStatus.EnteredInError)
        {
            throw new DomainException("Questionnaire.Response.AlreadyInError");
        }

        response.MarkEnteredInError();
        access.Log.Record(record.Citizen.Id, instrument.Category, AccessAction.Update, "QuestionnaireResponse", response.Id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return ToView(response, instrument, language);
    }

    /// <summary>One response with its answers and scores in plain words; null (404) unless the reader may read it.</summary>
    public async Task<QuestionnaireResponseView?> GetResponseAsync(Guid courseId, Guid responseId, string language, CancellationToken cancellationToken) =>
        await access.ReadQuestionnaireResponseAsync(courseId, responseId, cancellationToken) is { } found
            ? ToView(found.Response.Response, found.Response.Instrument, language)
            : null;

    /// <summary>The language an answer is recorded in: the one asked for when Samspil speaks it, otherwise the reader's.</summary>
    public static string AnswerLanguage(string? asked, string fallback) =>
        SamspilCultures.IsSupported(asked) ? asked! : SamspilCultures.IsSupported(fallback) ? fallback : SamspilCultures.Danish;

    private static List<QuestionnaireAnswer?> ToAnswers(IReadOnlyList<AnswerInput?>? answers)
    {
        if (answers is { Count: > MaxAnswers })
        {
            throw new DomainException("Questionnaire.Answer.TooMany", "answers");
        }

        return (answers ?? []).Select(a => a is null ? null : new QuestionnaireAnswer(a.LinkId ?? string.Empty, a.Code, a.Number, a.Text, a.Date)).ToList();
    }

    private static QuestionnaireAssignmentView ToView(QuestionnaireAssignmentRecord record, string language)
    {
        var (a, instrument, response) = record;
        return new QuestionnaireAssignmentView(
            a.Id, a.CourseId, instrument.Id, instrument.Key, instrument.Version, instrument.Definition.Title.For(language), a.Status, a.Message,
            a.AssignedAt, a.AssignedByName, a.DueOn, a.AnsweredAt, response is null ? null : ToView(response, instrument, language));
    }

    /// <summary>A response with every answer beside its question and every scale's band in <paramref name="language"/> (Danish where the instrument lacks it).</summary>
    public static QuestionnaireResponseView ToView(QuestionnaireResponse response, Instrument instrument, string language)
    {
        var definition = instrument.Definition;
        var answers = response.Answers.Select(a =>
        {
            var item = definition.Find(a.LinkId);
            var shown = a switch
            {
                { Code: { } code } => item?.Options.FirstOrDefault(o => o.Code == code)?.Display.For(language) ?? code,
                { Number: { } number } => number.ToString(CultureInfo.InvariantCulture),
                { Date: { } date } => CopenhagenTime.Format(date),
                _ => a.Text ?? string.Empty,
            };
            return new AnswerView(a.LinkId, item?.Text.For(language) ?? a.LinkId, shown, a.Code, a.Number, a.Text, a.Date);
        }).ToList();
        var primary = definition.Scoring.PrimaryScale?.Key;
        var scores = response.Scores.Select(s =>
        {
            var scale = definition.Scoring.Scales.FirstOrDefault(r => r.Key == s.Key);
            var band = s.Band is { } index && scale is not null && index >= 0 && index < scale.Bands.Count ? scale.Bands[index] : null;
            return new ScoreView(s.Key, scale?.Title.For(language) ?? s.Key, s.Value, band?.Label.For(language), band?.Meaning.For(language), s.Flagged, s.Key == primary);
        }).ToList();
        return new QuestionnaireResponseView(
            response.Id, response.CourseId, response.AssignmentId, instrument.Id, instrument.Key, instrument.Version, definition.Title.For(language),
            response.Status, response.Mode, response.Language, response.AuthoredAt, response.AuthorName, answers, scores);
    }
}
