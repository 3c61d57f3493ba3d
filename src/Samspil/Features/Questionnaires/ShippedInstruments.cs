using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Questionnaires;

/// <summary>An instrument as shipped: its key, version, purpose, consent category and content.</summary>
public sealed record ShippedInstrument(string Key, int Version, InstrumentPurpose Purpose, InformationCategory Category, QuestionnaireDefinition Definition);

/// <summary>
/// The instruments every installation ships with (issue 19), added at every start where no version of the key
/// exists; an instrument an administrator has loaded, changed or retired is never touched. Each instrument's
/// content is in its own file (ShippedInstruments.&lt;Name&gt;.cs) and says where its text and scoring come from and
/// under which licence the text is shipped. Licensed instruments (DASS, ITI, ...) are not shipped: an administrator
/// loads them as FHIR Questionnaire JSON.
/// </summary>
public static partial class ShippedInstruments
{
    public static async Task EnsureAsync(SamspilDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = await db.Instruments.Select(i => i.Key).Distinct().ToListAsync(cancellationToken);
        var missing = All().Where(s => !existing.Contains(s.Key, StringComparer.Ordinal)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.Instruments.AddRange(missing.Select(s => Instrument.Create(s.Key, s.Version, s.Purpose, s.Category, s.Definition, shipped: true, "Samspil", now)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every shipped instrument. A new one is added here and in its own partial file.</summary>
    public static IReadOnlyList<ShippedInstrument> All() =>
    [
        Who5(),
        Pcl5(),
        CitizenExperience(),
        Collaboration(),
        IpsFidelity(),
    ];

    internal static LocalizedText L(string da, string en) => LocalizedText.Of(da, en);

    /// <summary>Choice options scored by their position's value, e.g. ("5", "Hele tiden", "All of the time", 5).</summary>
    internal static IReadOnlyList<AnswerOption> Options(params (string Code, string Da, string En, decimal Score)[] options) =>
        [.. options.Select(o => new AnswerOption(o.Code, L(o.Da, o.En), o.Score))];
}
