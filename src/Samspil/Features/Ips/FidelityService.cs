using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Questionnaires;
using Samspil.Features.Access;
using Samspil.Features.Administration;
using Samspil.Features.Questionnaires;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Ips;

/// <summary>The user may see the team's reviews but not record one (only the tree's administrators and managers do).</summary>
public sealed class FidelityRecordForbiddenException() : Exception("Recording a fidelity review is not allowed here");

/// <summary>
/// IPS fidelity reviews of teams (issue 19; docs/questionnaires-ips-fidelity.md). Organisation data, not citizen data:
/// no consent and no access log. An IPS team is simply an organisation unit with at least one review; there is no
/// flag to keep up to date. Who sees a team's reviews: staff whose own units are the team, below it or above it
/// (the team's tree), and administrators and managers whose organisation tree holds it (the dashboard audience).
/// Who records one: the administrators and managers whose organisation tree holds the unit. Anything else is not
/// there (null, i.e. 404); a reader who may not record gets <see cref="FidelityRecordForbiddenException"/> (403).
/// </summary>
public sealed class FidelityService(
    SamspilDbContext db,
    CurrentUser user,
    AccessActorProvider actors,
    AdministrationLog administrationLog,
    TimeProvider time)
{
    /// <summary>The earliest review date accepted (older dates are typing errors).</summary>
    public static readonly DateOnly EarliestReviewDate = new(2000, 1, 1);

    private Scope? _scope;

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>Whether the user may see any fidelity reviews at all (staff and managers).</summary>
    public bool MaySee => user.IsStaff || user.IsManager;

    /// <summary>The teams (units with reviews) the user may see, by name, each with its newest review.</summary>
    public async Task<IReadOnlyList<FidelityTeamView>> TeamsAsync(CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(cancellationToken);
        if (scope.Visible.Count == 0)
        {
            return [];
        }

        var visible = scope.Visible.ToList();
        var reviews = await db.FidelityReviews.AsNoTracking().Where(r => visible.Contains(r.OrganizationId)).ToListAsync(cancellationToken);
        var instruments = await InstrumentsAsync(reviews.Select(r => r.InstrumentId), cancellationToken);
        return reviews
            .GroupBy(r => r.OrganizationId)
            .Select(g =>
            {
                var latest = g.OrderByDescending(r => r.ReviewedOn).ThenByDescending(r => r.CreatedAt).First();
                var (bandIndex, band) = BandOf(latest, instruments.GetValueOrDefault(latest.InstrumentId));
                return new FidelityTeamView(
                    g.Key,
                    scope.Names.GetValueOrDefault(g.Key, string.Empty),
                    g.Count(),
                    new FidelityLatestView(latest.Id, latest.ReviewedOn, latest.Total, bandIndex, band),
                    scope.Recordable.Contains(g.Key));
            })
            .OrderBy(t => t.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The units the user may record a review for (their organisation tree, in tree order), empty for readers.</summary>
    public async Task<IReadOnlyList<FidelityUnitView>> RecordableUnitsAsync(CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(cancellationToken);
        if (scope.Recordable.Count == 0 || user.OrganizationId is not { } root)
        {
            return [];
        }

        var result = new List<FidelityUnitView>();
        var seen = new HashSet<Guid>();
        void Visit(Guid id, int depth)
        {
            if (!seen.Add(id) || !scope.Recordable.Contains(id))
            {
                return;
            }

            result.Add(new FidelityUnitView(id, scope.Names[id], depth));
            foreach (var child in scope.Children[id].OrderBy(c => scope.Names[c], StringComparer.CurrentCulture))
            {
                Visit(child, depth + 1);
            }
        }

        Visit(root, 0);
        return result;
    }

    /// <summary>A team's reviews, oldest first; null when the unit is unknown or outside what the user may see.</summary>
    public async Task<FidelityHistoryView?> HistoryAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(cancellationToken);
        if (!scope.Visible.Contains(organizationId))
        {
            return null;
        }

        var reviews = await db.FidelityReviews.AsNoTracking().Where(r => r.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var instruments = await InstrumentsAsync(reviews.Select(r => r.InstrumentId), cancellationToken);
        var views = reviews
            .OrderBy(r => r.ReviewedOn).ThenBy(r => r.CreatedAt)
            .Select(r => ToView(r, instruments[r.InstrumentId], withItems: false))
            .ToList();
        return new FidelityHistoryView(organizationId, scope.Names[organizationId], scope.Recordable.Contains(organizationId), views);
    }

    /// <summary>One review with every item's rating; null when not there for the user (also another team's review).</summary>
    public async Task<FidelityReviewView?> GetAsync(Guid organizationId, Guid reviewId, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(cancellationToken);
        if (!scope.Visible.Contains(organizationId))
        {
            return null;
        }

        var review = await db.FidelityReviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId && r.OrganizationId == organizationId, cancellationToken);
        if (review is null)
        {
            return null;
        }

        var instrument = await db.Instruments.AsNoTracking().SingleAsync(i => i.Id == review.InstrumentId, cancellationToken);
        return ToView(review, instrument, withItems: true);
    }

    /// <summary>The new-review form for a unit; null when not there for the user; throws when the user may only read.</summary>
    public async Task<FidelityFormView?> FormAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await RecordingScopeAsync(organizationId, cancellationToken) is not { } scope)
        {
            return null;
        }

        var instrument = await CurrentInstrumentAsync(cancellationToken);
        var definition = instrument.Definition;
        var language = Language;
        var first = ScaleItems(definition).Select(s => s.Item).FirstOrDefault();
        return new FidelityFormView(
            organizationId,
            scope.Names[organizationId],
            definition.Title.For(language),
            definition.Copyright,
            [.. definition.Items.Where(i => i.Type == QuestionItemType.Group).Select(g => new FidelityFormSection(g.LinkId, g.Text.For(language), [.. ItemsOf(g, null, language)]))],
            first?.MinLabel?.For(language) ?? "1",
            first?.MaxLabel?.For(language) ?? "5");
    }

    /// <summary>
    /// Records a review: every item rated 1–5 (none may be missing: the total needs them all), the date of the visit
    /// (not in the future), the reviewers. Logged in the administration log of the team's organisation.
    /// </summary>
    public async Task<FidelityReviewView?> RecordAsync(Guid organizationId, FidelityReviewRequest? request, CancellationToken cancellationToken)
    {
        if (await RecordingScopeAsync(organizationId, cancellationToken) is not { } scope)
        {
            return null;
        }

        var instrument = await CurrentInstrumentAsync(cancellationToken);
        var answers = Validate(instrument.Definition, request, CopenhagenTime.Today(time));
        var now = time.GetUtcNow();
        var review = FidelityReview.Record(instrument, organizationId, request!.ReviewedOn!.Value, request.Reviewers, answers, user.AsActor(), now);
        db.FidelityReviews.Add(review);
        administrationLog.RecordForOrganization(
            user, AdministrationAction.FidelityReviewRecorded, organizationId, scope.Names[organizationId],
            string.Create(CultureInfo.InvariantCulture, $"IPS fidelity review {review.ReviewedOn:yyyy-MM-dd}: total {review.Total:0}/125"));
        await db.SaveChangesAsync(cancellationToken);
        return ToView(review, instrument, withItems: true);
    }

    /// <summary>Every error at once (each missing or out-of-range item under its linkId), so a form can show them all.</summary>
    public static List<QuestionnaireAnswer> Validate(QuestionnaireDefinition definition, FidelityReviewRequest? request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("answers", "Fidelity.Answer.Required");
            throw new InputValidationException(errors);
        }

        var reviewers = request.Reviewers?.Trim();
        if (string.IsNullOrEmpty(reviewers))
        {
            errors.Add("reviewers", "Fidelity.Reviewers.Required");
        }
        else if (reviewers.Length > FidelityReview.MaxReviewersLength)
        {
            errors.Add("reviewers", "Fidelity.Reviewers.TooLong");
        }
        else if (Guard.HasControlCharacters(reviewers))
        {
            errors.Add("reviewers", "Problem.InvalidCharacters");
        }

        if (request.ReviewedOn is not { } reviewedOn)
        {
            errors.Add("reviewedOn", "Fidelity.ReviewedOn.Required");
        }
        else if (reviewedOn > today)
        {
            errors.Add("reviewedOn", "Fidelity.ReviewedOn.Future");
        }
        else if (reviewedOn < EarliestReviewDate)
        {
            errors.Add("reviewedOn", "Fidelity.ReviewedOn.TooEarly");
        }

        var items = ScaleItems(definition).ToDictionary(s => s.Item.LinkId, s => s.Item, StringComparer.Ordinal);
        var answers = new Dictionary<string, QuestionnaireAnswer>(StringComparer.Ordinal);
        foreach (var answer in request.Answers ?? [])
        {
            if (answer?.LinkId is not { } linkId || !items.TryGetValue(linkId, out var item))
            {
                errors.Add("answers", "Fidelity.Answer.UnknownItem");
                continue;
            }

            if (answer.Number is not { } number)
            {
                continue; // no rating: reported as missing below
            }

            if (number < (item.MinValue ?? 1) || number > (item.MaxValue ?? 5))
            {
                errors.Add(linkId, "Fidelity.Answer.OutOfRange");
            }
            else if (!answers.TryAdd(linkId, new QuestionnaireAnswer(linkId, Number: number)))
            {
                errors.Add(linkId, "Fidelity.Answer.Duplicate");
            }
        }

        foreach (var linkId in items.Keys.Where(k => !answers.ContainsKey(k) && !errors.All.Any(e => e.Field == k)))
        {
            errors.Add(linkId, "Fidelity.Answer.Required");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        return [.. answers.Values];
    }

    /// <summary>The user's scope when they may record a review of the unit; null when the unit is not there for them; throws when they may only read.</summary>
    private async Task<Scope?> RecordingScopeAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(cancellationToken);
        if (!scope.Visible.Contains(organizationId) && !scope.Recordable.Contains(organizationId))
        {
            return null;
        }

        return scope.Recordable.Contains(organizationId) ? scope : throw new FidelityRecordForbiddenException();
    }

    private async Task<Instrument> CurrentInstrumentAsync(CancellationToken cancellationToken) =>
        await db.Instruments.AsNoTracking()
            .Where(i => i.Key == ShippedInstruments.IpsFidelityKey && i.Status == InstrumentStatus.Active && i.Purpose == InstrumentPurpose.IpsFidelity)
            .OrderByDescending(i => i.Version)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new DomainException("Fidelity.Instrument.Missing", "instrument");

    private async Task<Dictionary<Guid, Instrument>> InstrumentsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Instruments.AsNoTracking().Where(i => wanted.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
    }

    private static FidelityReviewView ToView(FidelityReview review, Instrument instrument, bool withItems)
    {
        var definition = instrument.Definition;
        var language = Language;
        var (bandIndex, band) = BandOf(review, instrument);
        var scales = definition.Scoring.Scales;
        var sections = definition.Items
            .Where(g => g.Type == QuestionItemType.Group)
            .Select(g =>
            {
                var count = g.Items.Count(i => i.Type == QuestionItemType.Scale);
                var title = scales.FirstOrDefault(s => s.Key == g.LinkId)?.Title.For(language) ?? g.Text.For(language);
                return new FidelitySectionView(g.LinkId, title, review.Scores.FirstOrDefault(s => s.Key == g.LinkId)?.Value, count, count * 5);
            })
            .ToList();
        var maximum = ScaleItems(definition).Sum(s => s.Item.MaxValue ?? 5);
        var items = withItems
            ? definition.Items.Where(g => g.Type == QuestionItemType.Group).SelectMany(g => ItemsOf(g, review.Answers, language)).ToList()
            : null;
        return new FidelityReviewView(
            review.Id, review.OrganizationId, review.ReviewedOn, review.Reviewers, review.Total, maximum, bandIndex, band, sections, items,
            instrument.Key, instrument.Version, review.CreatedByName, review.CreatedAt);
    }

    private static IEnumerable<FidelityItemView> ItemsOf(QuestionItem group, IReadOnlyList<QuestionnaireAnswer>? answers, string language) =>
        group.Items.Where(i => i.Type == QuestionItemType.Scale).Select(i => new FidelityItemView(
            i.LinkId,
            group.LinkId,
            i.Text.For(language),
            i.Items.FirstOrDefault(h => h.Type == QuestionItemType.Display)?.Text.For(language),
            answers?.FirstOrDefault(a => a.LinkId == i.LinkId)?.Number));

    private static IEnumerable<(QuestionItem Group, QuestionItem Item)> ScaleItems(QuestionnaireDefinition definition) =>
        definition.Items.Where(g => g.Type == QuestionItemType.Group).SelectMany(g => g.Items.Where(i => i.Type == QuestionItemType.Scale).Select(i => (g, i)));

    private static (int? Index, string? Label) BandOf(FidelityReview review, Instrument? instrument)
    {
        var primary = instrument?.Definition.Scoring.PrimaryScale;
        var index = review.Scores.FirstOrDefault(s => s.Key == primary?.Key)?.Band;
        return index is { } i && primary is not null && i < primary.Bands.Count ? (i, primary.Bands[i].Label.For(Language)) : (null, null);
    }

    private async Task<Scope> ScopeAsync(CancellationToken cancellationToken)
    {
        if (_scope is not null)
        {
            return _scope;
        }

        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.PartOfId }).ToListAsync(cancellationToken);
        var names = organizations.ToDictionary(o => o.Id, o => o.Name);
        var children = organizations.Where(o => o.PartOfId is not null).ToLookup(o => o.PartOfId!.Value, o => o.Id);
        var visible = new HashSet<Guid>();
        var recordable = new HashSet<Guid>();
        if (MaySee)
        {
            var steering = await actors.SteeringScopeAsync(cancellationToken);
            visible.UnionWith(steering);
            if (user.IsAdministrator || user.IsManager)
            {
                recordable.UnionWith(steering);
            }

            if (user.IsStaff)
            {
                var actor = await actors.GetAsync(cancellationToken);
                visible.UnionWith(actor.OwnOrganizationIds);
                visible.UnionWith(actor.WithinOrganizationIds);
            }
        }

        visible.IntersectWith(names.Keys);
        recordable.IntersectWith(names.Keys);
        _scope = new Scope(names, children, visible, recordable);
        return _scope;
    }

    private sealed record Scope(Dictionary<Guid, string> Names, ILookup<Guid, Guid> Children, HashSet<Guid> Visible, HashSet<Guid> Recordable);
}
