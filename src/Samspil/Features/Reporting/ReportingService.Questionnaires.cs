using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Questionnaires;
using Samspil.Domain.Reporting;
using Samspil.Features.Access;

namespace Samspil.Features.Reporting;

/// <summary>
/// The dashboard's questionnaire figures (issue 19, part 4): the citizens' experience and the collaboration between
/// sectors over time and per tie, and the IPS teams' fidelity history. Instruments are chosen by purpose, never by
/// key. The municipality, organisation and target-group filters select the answers' courses; the period selects the
/// answers by the day they were given (the period basis is about courses and does not apply).
/// </summary>
public sealed partial class ReportingService
{
    private static string Language => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<ExperienceView> ExperienceAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        var filter = await ParseAsync(query, cancellationToken);
        var answers = Filtered(await access.ReportingAnswersAsync(InstrumentPurpose.CitizenExperience, filter.From, filter.To, cancellationToken), filter);
        LogQuestionnaireFigures(logger, access.User.UserId, InstrumentPurpose.CitizenExperience, answers.Count);
        var series = await SeriesAsync(InstrumentPurpose.CitizenExperience, answers, filter, cancellationToken);
        return new ExperienceView(FilterView(filter), series.Select(s => s.Series).ToList());
    }

    public async Task<CollaborationView> CollaborationAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        var filter = await ParseAsync(query, cancellationToken);
        var days = filter.To.DayNumber - filter.From.DayNumber + 1;
        var previousFrom = filter.From.AddDays(-days);
        var answers = Filtered(await access.ReportingAnswersAsync(InstrumentPurpose.Collaboration, previousFrom, filter.To, cancellationToken), filter);
        LogQuestionnaireFigures(logger, access.User.UserId, InstrumentPurpose.Collaboration, answers.Count);
        var series = await SeriesAsync(InstrumentPurpose.Collaboration, answers, filter, cancellationToken);
        return new CollaborationView(
            FilterView(filter),
            previousFrom,
            filter.From.AddDays(-1),
            series.Select(s => new CollaborationSeries(s.Series, QuestionnaireFigures.Ties(s.Answers, filter.From, filter.To))).ToList());
    }

    public async Task<FidelityView> FidelityAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        var filter = await ParseAsync(query, cancellationToken);
        var municipality = filter.Municipality is { } m ? WithUnitsBelow(m.Id, filter.Organizations) : null;
        var organization = filter.Organization is { } o ? WithUnitsBelow(o.Id, filter.Organizations) : null;
        var reviews = (await access.ReportingFidelityReviewsAsync(filter.From, filter.To, cancellationToken))
            .Where(r => (municipality is null || municipality.Contains(r.OrganizationId)) && (organization is null || organization.Contains(r.OrganizationId)))
            .ToList();
        var instrumentIds = reviews.Select(r => r.InstrumentId).Distinct().ToList();
        var instruments = await db.Instruments.AsNoTracking().Where(i => instrumentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var names = filter.Organizations.ToDictionary(x => x.Id, x => x.Name);
        var language = Language;
        var teams = reviews
            .GroupBy(r => r.OrganizationId)
            .Select(g => new FidelityTeamView(
                g.Key,
                names.GetValueOrDefault(g.Key) ?? string.Empty,
                g.OrderBy(r => r.ReviewedOn).Select(r =>
                {
                    var instrument = instruments[r.InstrumentId];
                    var scale = instrument.Definition.Scoring.PrimaryScale;
                    return new FidelityReviewView(
                        r.ReviewedOn,
                        r.Total,
                        scale is null ? null : QuestionnaireFigures.MaximumOf(instrument.Definition, scale),
                        r.Total is { } total ? scale?.BandOf(total)?.Label.For(language) : null,
                        instrument.Key,
                        instrument.Version);
                }).ToList()))
            .OrderBy(t => t.Name, StringComparer.CurrentCulture)
            .ToList();
        return new FidelityView(FilterView(filter), teams);
    }

    /// <summary>
    /// One series per instrument key of the purpose: every active instrument, and any other with answers here.
    /// Versions of a key are one series (a scale keeps its key across versions); the newest version names it.
    /// </summary>
    private async Task<IReadOnlyList<(ScoreSeries Series, IReadOnlyList<AnswerFact> Answers)>> SeriesAsync(InstrumentPurpose purpose, IReadOnlyList<ReportingAnswer> answers, ParsedFilter filter, CancellationToken cancellationToken)
    {
        var answered = answers.Select(a => a.InstrumentId).Distinct().ToList();
        var instruments = await db.Instruments.AsNoTracking().Where(i => i.Purpose == purpose).ToListAsync(cancellationToken);
        var keys = instruments.Where(i => i.Status == InstrumentStatus.Active || answered.Contains(i.Id)).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        var language = Language;
        return instruments
            .Where(i => keys.Contains(i.Key))
            .GroupBy(i => i.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var newest = g.MaxBy(i => i.Version)!;
                var versions = g.Select(i => i.Id).ToHashSet();
                var primary = newest.Definition.Scoring.PrimaryScale;
                var scales = newest.Definition.Scoring.Scales
                    .OrderBy(s => s == primary ? 0 : 1)
                    .Select(s => new ScaleHeading(s.Key, s.Title.For(language), s == primary))
                    .ToList();
                var facts = answers.Where(a => versions.Contains(a.InstrumentId))
                    .Select(a => new AnswerFact(a.AnsweredOn, a.PrimaryScore, a.Scores.GroupBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.First().Value, StringComparer.Ordinal), a.RespondentArea, a.PartnerArea))
                    .ToList();
                var (quarters, whole) = QuestionnaireFigures.OverTime(facts, scales, filter.From, filter.To);
                return (new ScoreSeries(g.Key, newest.Definition.Title.For(language), scales, quarters, whole), (IReadOnlyList<AnswerFact>)facts);
            })
            .ToList();
    }

    private static List<ReportingAnswer> Filtered(IReadOnlyList<ReportingAnswer> answers, ParsedFilter filter)
    {
        var municipality = filter.Municipality is { } m ? WithUnitsBelow(m.Id, filter.Organizations) : null;
        var organization = filter.Organization is { } o ? WithUnitsBelow(o.Id, filter.Organizations) : null;
        return answers.Where(a =>
                (municipality is null || (a.MunicipalityOrganizationId is { } mu && municipality.Contains(mu)))
                && (organization is null || new[] { a.RegionOrganizationId, a.MunicipalityOrganizationId, a.RecordedByOrganizationId }.Any(x => x is { } id && organization.Contains(id)))
                && (filter.TargetGroup is null || string.Equals(a.TargetGroupCode, filter.TargetGroup, StringComparison.Ordinal)))
            .ToList();
    }

    private static DashboardFilterView FilterView(ParsedFilter f)
    {
        var group = f.TargetGroups.SingleOrDefault(t => t.Code == f.TargetGroup);
        return new DashboardFilterView(
            f.Municipality?.Id,
            f.Municipality?.Name,
            f.Organization?.Id,
            f.Organization?.Name,
            f.TargetGroup,
            group is null ? null : (English ? group.NameEn : group.NameDa),
            f.From,
            f.To,
            f.To < f.Today ? f.To : f.Today,
            f.Basis);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Questionnaire figures ({Purpose}) computed for user {UserId} over {Answers} answers in scope")]
    private static partial void LogQuestionnaireFigures(ILogger logger, Guid userId, InstrumentPurpose purpose, int answers);
}
