using Samspil.Domain.Common;
using Samspil.Domain.Directory;

namespace Samspil.Domain.Questionnaires;

/// <summary>Why a questionnaire was sent.</summary>
public enum AssignmentOccasion
{
    /// <summary>A professional assigned it to the citizen.</summary>
    Assigned = 0,

    /// <summary>The collaboration questionnaire after a network meeting.</summary>
    AfterMeeting = 1,

    /// <summary>The collaboration (or experience) questionnaire when the course ends.</summary>
    CourseEnd = 2,
}

public enum AssignmentStatus
{
    Open = 0,
    Answered = 1,
    Withdrawn = 2,
}

/// <summary>How a response came about.</summary>
public enum ResponseMode
{
    /// <summary>The respondent answered on their own (the citizen on their phone, a network member).</summary>
    Self = 0,

    /// <summary>Answered together with a professional, e.g. at a meeting; the professional entered the answers.</summary>
    TogetherWithProfessional = 1,

    /// <summary>The citizen's proxy (fuldmagt/værge) answered for them.</summary>
    Proxy = 2,
}

public enum ResponseStatus
{
    /// <summary>FHIR QuestionnaireResponse.status completed.</summary>
    Completed = 0,

    /// <summary>Marked wrong by its author or a professional; kept, left out of scores and trends.</summary>
    EnteredInError = 1,
}

/// <summary>
/// The side of a collaboration tie (R16: "which sector pairs work well together"). Coarser than
/// <see cref="OrganizationKind"/>, finer than <see cref="Sector"/>: psychiatry and the job centre are different
/// sides though both may be public.
/// </summary>
public enum CollaborationArea
{
    Psychiatry = 0,
    SomaticHospital = 1,
    GeneralPractice = 2,
    Employment = 3,
    SocialServices = 4,
    MunicipalHealth = 5,
    Coordinator = 6,
    Other = 7,
}

public static class CollaborationAreas
{
    public static CollaborationArea Of(OrganizationKind kind) => kind switch
    {
        OrganizationKind.TraumaClinic or OrganizationKind.PsychiatricWard or OrganizationKind.PsychiatricOutpatientClinic or OrganizationKind.Region or OrganizationKind.VeteransCentre => CollaborationArea.Psychiatry,
        OrganizationKind.SomaticHospital => CollaborationArea.SomaticHospital,
        OrganizationKind.GpClinic => CollaborationArea.GeneralPractice,
        OrganizationKind.JobCentre => CollaborationArea.Employment,
        OrganizationKind.SocialServices or OrganizationKind.FamilyDepartment or OrganizationKind.Municipality => CollaborationArea.SocialServices,
        OrganizationKind.MunicipalHealth or OrganizationKind.AddictionCentre => CollaborationArea.MunicipalHealth,
        OrganizationKind.Coordinator => CollaborationArea.Coordinator,
        _ => CollaborationArea.Other,
    };
}

/// <summary>
/// A questionnaire sent to someone on a course: to the citizen (a notification; answered on the phone, by a proxy,
/// or together at a meeting) or to a network member (the collaboration questionnaire after a meeting or at the end).
/// Citizen data: that a citizen was asked to fill in PCL-5 says something about them.
/// </summary>
public sealed class QuestionnaireAssignment : ICitizenRecord
{
    public const int MaxMessageLength = 1000;

    private QuestionnaireAssignment()
    {
        AssignedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public Guid InstrumentId { get; private set; }

    /// <summary>Null: the citizen answers (or their proxy, or together with a professional). Set: this network member's user answers.</summary>
    public Guid? RespondentUserId { get; private set; }

    /// <summary>The network meeting the collaboration questionnaire follows.</summary>
    public Guid? MeetingId { get; private set; }

    public AssignmentOccasion Occasion { get; private set; }

    public AssignmentStatus Status { get; private set; }

    /// <summary>A word to the respondent from whoever assigned it ("we will talk about it on Thursday").</summary>
    public string? Message { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    public Guid AssignedByUserId { get; private set; }

    public string AssignedByName { get; private set; }

    public DateOnly? DueOn { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public static QuestionnaireAssignment Create(Guid courseId, Guid citizenId, Instrument instrument, Guid? respondentUserId, Guid? meetingId, AssignmentOccasion occasion, string? message, DateOnly? dueOn, Actor by, DateTimeOffset now)
    {
        if (instrument.Status != InstrumentStatus.Active)
        {
            throw new DomainException("Questionnaire.Instrument.Retired", "instrumentId");
        }

        if (instrument.Purpose == InstrumentPurpose.IpsFidelity || (instrument.AnsweredByCitizen == (respondentUserId is not null)))
        {
            throw new DomainException("Questionnaire.Assignment.WrongRespondent", "instrumentId");
        }

        return new QuestionnaireAssignment
        {
            Id = Guid.CreateVersion7(now),
            CourseId = courseId,
            CitizenId = citizenId,
            InstrumentId = instrument.Id,
            RespondentUserId = respondentUserId,
            MeetingId = meetingId,
            Occasion = occasion,
            Status = AssignmentStatus.Open,
            Message = Guard.OptionalText(message, MaxMessageLength, "Questionnaire.Message", "message"),
            AssignedAt = now,
            AssignedByUserId = by.UserId,
            AssignedByName = by.DisplayName,
            DueOn = dueOn,
        };
    }

    public void MarkAnswered(DateTimeOffset now)
    {
        if (Status != AssignmentStatus.Open)
        {
            throw new DomainException("Questionnaire.Assignment.NotOpen");
        }

        Status = AssignmentStatus.Answered;
        AnsweredAt = now;
    }

    public void Withdraw()
    {
        if (Status != AssignmentStatus.Open)
        {
            throw new DomainException("Questionnaire.Assignment.NotOpen");
        }

        Status = AssignmentStatus.Withdrawn;
    }
}

/// <summary>
/// Answers to one instrument version on a course, FHIR QuestionnaireResponse-shaped: the answers by linkId, and the
/// scores computed at completion by the instrument's rules (kept, so a later rule change never rewrites history).
/// A citizen's responses are read under the instrument's consent category; collaboration responses (one per tie:
/// <see cref="RespondentArea"/> ↔ <see cref="PartnerArea"/>) under Møder og referater.
/// </summary>
public sealed class QuestionnaireResponse : ICitizenRecord
{
    private QuestionnaireResponse()
    {
        Language = "da";
        Answers = [];
        Scores = [];
        AuthorName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid InstrumentId { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public Guid? AssignmentId { get; private set; }

    public ResponseStatus Status { get; private set; }

    public ResponseMode Mode { get; private set; }

    /// <summary>The language the respondent answered in (ISO 639-1).</summary>
    public string Language { get; private set; }

    public IReadOnlyList<QuestionnaireAnswer> Answers { get; private set; }

    public IReadOnlyList<ScaleScore> Scores { get; private set; }

    /// <summary>The primary scale's score (denormalised for trends and the dashboard); null when not scorable.</summary>
    public decimal? PrimaryScore { get; private set; }

    /// <summary>Any scale met its cut-off.</summary>
    public bool Flagged { get; private set; }

    public DateTimeOffset AuthoredAt { get; private set; }

    public Guid AuthorUserId { get; private set; }

    public string AuthorName { get; private set; }

    /// <summary>Collaboration only: the respondent's side of the tie and the side they rate.</summary>
    public CollaborationArea? RespondentArea { get; private set; }

    public CollaborationArea? PartnerArea { get; private set; }

    /// <summary>Collaboration only: the meeting the answers follow.</summary>
    public Guid? MeetingId { get; private set; }

    /// <summary>
    /// Checks and scores the answers (<see cref="QuestionnaireAnswers.Normalise"/>, <see cref="QuestionnaireScoring.Score"/>)
    /// and records them as a completed response.
    /// </summary>
    public static QuestionnaireResponse Complete(Instrument instrument, Guid courseId, Guid citizenId, Guid? assignmentId, IEnumerable<QuestionnaireAnswer?>? submitted, ResponseMode mode, string language, Actor author, DateTimeOffset now, CollaborationArea? respondentArea = null, CollaborationArea? partnerArea = null, Guid? meetingId = null)
    {
        if (instrument.Purpose == InstrumentPurpose.IpsFidelity)
        {
            throw new DomainException("Questionnaire.Assignment.WrongRespondent", "instrumentId");
        }

        if ((instrument.Purpose == InstrumentPurpose.Collaboration) != (respondentArea is not null && partnerArea is not null))
        {
            throw new DomainException("Questionnaire.Tie.Required", "partnerArea");
        }

        var answers = QuestionnaireAnswers.Normalise(instrument.Definition, submitted);
        var scores = QuestionnaireScoring.Score(instrument.Definition, answers);
        var primaryKey = instrument.Definition.Scoring.PrimaryScale?.Key;
        return new QuestionnaireResponse
        {
            Id = Guid.CreateVersion7(now),
            InstrumentId = instrument.Id,
            CourseId = courseId,
            CitizenId = citizenId,
            AssignmentId = assignmentId,
            Status = ResponseStatus.Completed,
            Mode = mode,
            Language = language,
            Answers = answers,
            Scores = scores,
            PrimaryScore = scores.FirstOrDefault(s => s.Key == primaryKey)?.Value,
            Flagged = scores.Any(s => s.Flagged),
            AuthoredAt = now,
            AuthorUserId = author.UserId,
            AuthorName = author.DisplayName,
            RespondentArea = respondentArea,
            PartnerArea = partnerArea,
            MeetingId = meetingId,
        };
    }

    public void MarkEnteredInError()
    {
        Status = ResponseStatus.EnteredInError;
    }
}

/// <summary>
/// An IPS fidelity review of a team (organisation data, not citizen data): the 25 items scored 1–5 by the
/// reviewers, scored by the instrument's rules (total up to 125 and its band).
/// </summary>
public sealed class FidelityReview
{
    public const int MaxReviewersLength = 500;

    private FidelityReview()
    {
        Answers = [];
        Scores = [];
        Reviewers = string.Empty;
        CreatedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid InstrumentId { get; private set; }

    public DateOnly ReviewedOn { get; private set; }

    public string Reviewers { get; private set; }

    public IReadOnlyList<QuestionnaireAnswer> Answers { get; private set; }

    public IReadOnlyList<ScaleScore> Scores { get; private set; }

    public decimal? Total { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid CreatedByUserId { get; private set; }

    public string CreatedByName { get; private set; }

    public static FidelityReview Record(Instrument instrument, Guid organizationId, DateOnly reviewedOn, string? reviewers, IEnumerable<QuestionnaireAnswer?>? submitted, Actor by, DateTimeOffset now)
    {
        if (instrument.Purpose != InstrumentPurpose.IpsFidelity)
        {
            throw new DomainException("Questionnaire.Assignment.WrongRespondent", "instrumentId");
        }

        var answers = QuestionnaireAnswers.Normalise(instrument.Definition, submitted);
        var scores = QuestionnaireScoring.Score(instrument.Definition, answers);
        var primaryKey = instrument.Definition.Scoring.PrimaryScale?.Key;
        return new FidelityReview
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            InstrumentId = instrument.Id,
            ReviewedOn = reviewedOn,
            Reviewers = Guard.RequiredText(reviewers, MaxReviewersLength, "Questionnaire.Reviewers", "reviewers"),
            Answers = answers,
            Scores = scores,
            Total = scores.FirstOrDefault(s => s.Key == primaryKey)?.Value,
            CreatedAt = now,
            CreatedByUserId = by.UserId,
            CreatedByName = by.DisplayName,
        };
    }
}
