using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Domain.Questionnaires;

namespace Samspil.Features.Access;

/// <summary>
/// A course read for its questionnaire results: the citizen's responses (completed and entered in error) to the
/// instruments whose consent category the reader may read, with those instruments' versions. Instruments in a
/// category the reader may not read are left out entirely, so nothing tells that they exist.
/// </summary>
public sealed record QuestionnaireResultsRecord(CourseRecord Course, IReadOnlyList<QuestionnaireResponse> Responses, IReadOnlyDictionary<Guid, Instrument> Instruments)
{
    public Guid CitizenId => Course.Citizen.Id;
}

/// <summary>
/// The clinician's reads of a citizen's questionnaire results (issue 19, docs/questionnaires-results.md). Only
/// instruments the citizen answers (screening, the citizen's experience) are read here; collaboration answers belong
/// to the network's evaluation. Each response is read in its instrument's consent <see cref="Instrument.Category"/>
/// (PCL-5 and WHO-5: "helbred og behandling"), decided per category and logged per response.
/// </summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// Reads a course's questionnaire results; null (404) unless the reader may read the course in its status or in a
    /// category of some citizen-answered instrument. <paramref name="responseId"/> narrows to one response;
    /// <paramref name="onlyFlagged"/> to the responses that met a cut-off. Every response returned is logged as read.
    /// </summary>
    public async Task<QuestionnaireResultsRecord?> ReadQuestionnaireResultsAsync(Guid courseId, CancellationToken cancellationToken, Guid? responseId = null, bool onlyFlagged = false)
    {
        var categories = await db.Instruments.AsNoTracking()
            .Where(i => i.Purpose == InstrumentPurpose.Screening || i.Purpose == InstrumentPurpose.CitizenExperience)
            .Select(i => i.Category)
            .Distinct()
            .ToListAsync(cancellationToken);
        var record = await FindCourseAsync(courseId, InformationCategory.StatusAndAppointments, AccessPurpose.Coordination, cancellationToken);
        foreach (var category in categories.Where(_ => record is null))
        {
            record = await FindCourseAsync(courseId, category, AccessPurpose.Coordination, cancellationToken);
        }

        if (record is null)
        {
            return null;
        }

        var subject = SubjectOf(record.Course);
        var permitted = new Dictionary<InformationCategory, AccessDecision>();
        foreach (var category in categories)
        {
            var decision = await DecideAsync(subject, category, cancellationToken);
            if (decision.Permitted)
            {
                permitted[category] = decision;
            }
        }

        if (permitted.Count == 0)
        {
            return new QuestionnaireResultsRecord(record, [], new Dictionary<Guid, Instrument>());
        }

        var readable = permitted.Keys.ToList();
        var instruments = await db.Instruments.AsNoTracking()
            .Where(i => (i.Purpose == InstrumentPurpose.Screening || i.Purpose == InstrumentPurpose.CitizenExperience) && readable.Contains(i.Category))
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var instrumentIds = instruments.Keys.ToList();
        var query = db.QuestionnaireResponses.AsNoTracking()
            .Where(r => r.CourseId == courseId && instrumentIds.Contains(r.InstrumentId));
        if (responseId is { } id)
        {
            query = query.Where(r => r.Id == id);
        }

        if (onlyFlagged)
        {
            query = query.Where(r => r.Flagged && r.Status == ResponseStatus.Completed);
        }

        // Ordered in memory: SQLite cannot order by DateTimeOffset.
        var responses = (await query.ToListAsync(cancellationToken)).OrderBy(r => r.AuthoredAt).ThenBy(r => r.Id).ToList();
        foreach (var response in responses)
        {
            var category = instruments[response.InstrumentId].Category;
            log.Record(record.Citizen.Id, category, AccessAction.Read, "QuestionnaireResponse", response.Id, permitted[category]);
        }

        await log.CommitAsync(cancellationToken);
        return new QuestionnaireResultsRecord(record, responses, instruments);
    }

    /// <summary>
    /// For courses already listed (read and logged by <see cref="ListCoursesAsync"/>): how many instrument series have
    /// a latest completed response that met a cut-off, counting only instruments whose category the reader may read
    /// for that course. Set-based (one query for all courses); each course with a flag is logged as a read.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, int>> FlaggedQuestionnaireSeriesAsync(IReadOnlyList<CourseRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return new Dictionary<Guid, int>();
        }

        var instruments = await db.Instruments.AsNoTracking()
            .Where(i => i.Purpose == InstrumentPurpose.Screening || i.Purpose == InstrumentPurpose.CitizenExperience)
            .Select(i => new { i.Id, i.Key, i.Category })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        if (instruments.Count == 0)
        {
            return new Dictionary<Guid, int>();
        }

        await LoadFactsAsync(records.Select(r => r.Citizen.Id), cancellationToken);
        var courseIds = records.Select(r => r.Course.Id).ToList();
        var instrumentIds = instruments.Keys.ToList();
        var latest = (await db.QuestionnaireResponses.AsNoTracking()
                .Where(r => courseIds.Contains(r.CourseId) && instrumentIds.Contains(r.InstrumentId) && r.Status == ResponseStatus.Completed)
                .Select(r => new { r.Id, r.CourseId, r.InstrumentId, r.AuthoredAt, r.Flagged })
                .ToListAsync(cancellationToken))
            .GroupBy(r => (r.CourseId, instruments[r.InstrumentId].Key))
            .Select(g => g.OrderBy(r => r.AuthoredAt).ThenBy(r => r.Id).Last())
            .Where(r => r.Flagged)
            .ToList();

        var result = new Dictionary<Guid, int>();
        foreach (var record in records)
        {
            var flagged = latest.Where(r => r.CourseId == record.Course.Id).ToList();
            var count = 0;
            foreach (var response in flagged)
            {
                var category = instruments[response.InstrumentId].Category;
                var decision = await DecideAsync(SubjectOf(record.Course), category, cancellationToken);
                if (decision.Permitted)
                {
                    count++;
                    log.Record(record.Citizen.Id, category, AccessAction.Read, "QuestionnaireFlag", response.Id, decision);
                }
            }

            if (count > 0)
            {
                result[record.Course.Id] = count;
            }
        }

        await log.CommitAsync(cancellationToken);
        return result;
    }
}
