using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;
using Samspil.Features.Administration;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Questionnaires;

/// <summary>One instrument version in the administrators' list (and GET /api/v1/questionnaires).</summary>
public sealed record InstrumentSummary(
    Guid Id,
    string Key,
    int Version,
    string Title,
    InstrumentPurpose Purpose,
    InformationCategory Category,
    InstrumentStatus Status,
    bool Shipped,
    IReadOnlyList<string> Languages,
    DateTimeOffset UpdatedAt,
    string UpdatedByName);

/// <summary>One instrument version with its whole content (items, scoring rules) as the domain has it.</summary>
public sealed record InstrumentView(
    Guid Id,
    string Key,
    int Version,
    string CanonicalUrl,
    InstrumentPurpose Purpose,
    InformationCategory Category,
    InstrumentStatus Status,
    bool Shipped,
    DateTimeOffset UpdatedAt,
    string UpdatedByName,
    QuestionnaireDefinition Definition)
{
    public static InstrumentView Of(Instrument i) =>
        new(i.Id, i.Key, i.Version, QuestionnaireFhir.CanonicalUrl(i.Key), i.Purpose, i.Category, i.Status, i.Shipped, i.UpdatedAt, i.UpdatedByName, i.Definition);
}

/// <summary>
/// Instrument administration (issue 19): import a FHIR Questionnaire as a new instrument or a new version of one
/// (nothing is retired automatically: the administrator retires the old version when the new one should replace
/// it), retire and activate, load a language's texts into a version. Every change goes to the administration log.
/// Instruments are not citizen data.
/// </summary>
public sealed class QuestionnaireAdministration(SamspilDbContext db, AdministrationLog log, CurrentUser user, TimeProvider time)
{
    public async Task<IReadOnlyList<InstrumentSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var instruments = await db.Instruments.AsNoTracking().ToListAsync(cancellationToken);
        return [.. instruments
            .OrderBy(i => i.Key, StringComparer.Ordinal).ThenByDescending(i => i.Version)
            .Select(i => new InstrumentSummary(i.Id, i.Key, i.Version, i.Definition.Title.For(language), i.Purpose, i.Category, i.Status, i.Shipped, i.Definition.Languages, i.UpdatedAt, i.UpdatedByName))];
    }

    public Task<Instrument?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    /// <summary>
    /// Imports a FHIR Questionnaire. Its key is <paramref name="key"/> or the canonical url's last segment; its version
    /// the resource's version or, when it has none, the next free one. An existing key and version is refused.
    /// </summary>
    public async Task<Instrument> ImportAsync(string json, string? key, CancellationToken cancellationToken)
    {
        var imported = QuestionnaireFhir.Import(json, string.IsNullOrWhiteSpace(key) ? null : key.Trim());
        var versions = await db.Instruments.Where(i => i.Key == imported.Key).Select(i => i.Version).ToListAsync(cancellationToken);
        var version = imported.Version ?? (versions.Count == 0 ? 1 : versions.Max() + 1);
        if (versions.Contains(version))
        {
            throw new QuestionnaireFhirException([new("version", "QuestionnaireFhir.Version.Exists")]);
        }

        var now = time.GetUtcNow();
        var instrument = Instrument.Create(imported.Key, version, imported.Purpose, imported.Category, imported.Definition, shipped: false, user.DisplayName, now);
        if (imported.Status == InstrumentStatus.Retired)
        {
            instrument.Retire(user.DisplayName, now);
        }

        db.Instruments.Add(instrument);
        log.RecordChange(user, AdministrationAction.InstrumentImported, Name(instrument), $"{imported.Purpose}; {instrument.Definition.AllItems().Count()} items; languages {string.Join(", ", instrument.Definition.Languages)}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two administrators importing the same key and version at once: the unique index keeps one.
            throw new QuestionnaireFhirException([new("version", "QuestionnaireFhir.Version.Exists")]);
        }

        return instrument;
    }

    /// <summary>Retires (active=false) or activates a version; null when there is no such instrument.</summary>
    public async Task<Instrument?> SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instrument is null)
        {
            return null;
        }

        if ((instrument.Status == InstrumentStatus.Active) != active)
        {
            var now = time.GetUtcNow();
            if (active)
            {
                instrument.Activate(user.DisplayName, now);
            }
            else
            {
                instrument.Retire(user.DisplayName, now);
            }

            log.RecordChange(user, active ? AdministrationAction.InstrumentActivated : AdministrationAction.InstrumentRetired, Name(instrument), null);
            await db.SaveChangesAsync(cancellationToken);
        }

        return instrument;
    }

    /// <summary>
    /// Loads one language's texts into a version from a FHIR Questionnaire with the same items (a licensed
    /// translation): <paramref name="language"/>, or the resource's Questionnaire.language. Items and scoring stay.
    /// </summary>
    public async Task<Instrument?> LoadLanguageAsync(Guid id, string json, string? language, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instrument is null)
        {
            return null;
        }

        var imported = QuestionnaireFhir.Import(json, instrument.Key);
        var lang = string.IsNullOrWhiteSpace(language) ? imported.Language : language.Trim();
        var definition = QuestionnaireFhir.WithLanguage(instrument.Definition, imported.Definition, lang);
        instrument.ReplaceDefinition(definition, user.DisplayName, time.GetUtcNow());
        log.RecordChange(user, AdministrationAction.InstrumentLanguageLoaded, Name(instrument), "language " + lang);
        await db.SaveChangesAsync(cancellationToken);
        return instrument;
    }

    /// <summary>The problems of a refused import as field → messages, for a validation problem or a form.</summary>
    public static Dictionary<string, string[]> Errors(QuestionnaireFhirException refused, IStringLocalizer localizer) =>
        refused.Problems.GroupBy(p => p.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => localizer.Message(p.Code)).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    private static string Name(Instrument instrument) => $"{instrument.Key} v{instrument.Version.ToString(CultureInfo.InvariantCulture)}";
}
