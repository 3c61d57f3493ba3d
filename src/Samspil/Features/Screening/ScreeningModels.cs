using Samspil.Domain.Screening;

namespace Samspil.Features.Screening;

/// <summary>A rejected row: its number in the file (the header is row 1), the reason and the column.</summary>
/// <param name="Message">The reason in the caller's language.</param>
/// <param name="Detail">The reader's own Danish explanation (never the row's values).</param>
public sealed record ImportRowError(long Row, AdmissionCsvErrorCode Code, string? Column, string Message, string Detail);

/// <summary>An import's progress and result.</summary>
public sealed record AdmissionImportView(
    Guid Id,
    string FileName,
    string ImportedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    AdmissionImportStatus Status,
    bool Finished,
    int Percent,
    long BytesTotal,
    long BytesRead,
    long RowsRead,
    long RowsInserted,
    long RowsUpdated,
    long RowsUnchanged,
    long RowsRejected,
    string? FailureCode,
    string? Failure,
    bool ErrorsTruncated,
    IReadOnlyList<ImportRowError> Errors);

/// <summary>Why an upload was refused before anything was stored.</summary>
public enum ImportRefusal
{
    NoFile,
    Empty,
    TooLarge,
    Malformed,
    InvalidHeader,
    MissingToken,
}

/// <summary>The result of an upload: an import started, or a refusal with the reasons.</summary>
public sealed record ImportStart(AdmissionImportView? Started, ImportRefusal? Refusal, IReadOnlyList<string> Reasons);

/// <summary>The course a ranked person is, when the user may read it.</summary>
public sealed record RankedCourseLink(Guid CourseId, string CitizenName, bool IsDemo, string CourseUrl, string AnalysisSummariesUrl);

/// <summary>One person on an area's list.</summary>
public sealed record RankedEntry(
    int Rank,
    string PersonKey,
    string PersonKeyShort,
    string MunicipalityCode,
    string RegionCode,
    int Admissions,
    int AdmissionsIn12Months,
    bool FourOrMoreIn12Months,
    int AcuteReadmissionsWithin30Days,
    int ShortStays,
    int DischargesOutsideDaytime,
    DateTimeOffset? LatestAdmissionStart,
    DateTimeOffset? LatestAdmissionEnd,
    RankedCourseLink? Course);

/// <summary>One municipality or region and its ranked persons; <paramref name="Name"/> is null for a code Samspil does not know.</summary>
public sealed record RankedArea(string Code, string? Name, IReadOnlyList<RankedEntry> Entries);

/// <summary>Totals over every person screened (all areas).</summary>
public sealed record ScreeningTotals(
    long Persons,
    long Admissions,
    long PersonsWithFourOrMoreIn12Months,
    long PersonsWithAcuteReadmission,
    long AcuteReadmissionsWithin30Days,
    long ShortStays,
    long DischargesOutsideDaytime);

/// <summary>The analysis committee's ranked list(s).</summary>
/// <param name="Codes">Every area code of this kind that has persons (for choosing one).</param>
/// <param name="LinkingEnabled">False when no person-key secret is configured: no entry can link to a course.</param>
public sealed record RankingView(
    ScreeningArea Area,
    string? Code,
    int Top,
    DateTimeOffset ComputedAt,
    bool LinkingEnabled,
    ScreeningTotals Totals,
    IReadOnlyList<string> Codes,
    IReadOnlyList<RankedArea> Areas);

/// <summary>One analysis-meeting summary.</summary>
public sealed record AnalysisSummaryView(
    Guid Id,
    Guid CourseId,
    DateOnly MeetingDate,
    string Participants,
    string? WhyLastAdmission,
    string? WhatCouldPreventNext,
    string? WhatWouldHelpCitizen,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt);

/// <summary>A course's analysis-meeting summaries.</summary>
public sealed record CourseAnalysisView(Guid CourseId, string CitizenName, bool IsDemo, bool CanEdit, IReadOnlyList<AnalysisSummaryView> Summaries);

/// <summary>Create or replace an analysis-meeting summary.</summary>
public sealed record AnalysisSummaryRequest(DateOnly? MeetingDate, string? Participants, string? WhyLastAdmission, string? WhatCouldPreventNext, string? WhatWouldHelpCitizen);
