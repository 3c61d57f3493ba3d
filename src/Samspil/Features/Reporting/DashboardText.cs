using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Courses;
using Samspil.Domain.Reporting;
using Samspil.Infrastructure.Localization;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Reporting;

/// <summary>One line of the dashboard: a labelled figure.</summary>
public sealed record FigureRow(string Label, Cell Cell);

/// <summary>A section of the dashboard, the same in the page's tables and in the CSV.</summary>
public sealed record FigureSection(string Id, string Heading, IReadOnlyList<FigureRow> Rows);

/// <summary>
/// Puts the dashboard into words and text: labels, the display of each cell ("12", "62,5 %", "&lt;5",
/// "–", "ingen data"), the sections shown as tables, the charts' bars and the CSV file.
/// </summary>
public static class DashboardText
{
    public const string SuppressedCount = "<5";
    public const string SuppressedOther = "–";

    public static string Display(Cell cell, IStringLocalizer localizer, bool withUnit = true) => cell.Status switch
    {
        CellStatus.Suppressed => cell.Kind == CellKind.Count ? SuppressedCount : SuppressedOther,
        CellStatus.NoData => localizer["Reports.NoData"].Value,
        _ => cell.Kind switch
        {
            CellKind.Count => cell.Value!.Value.ToString("0", CultureInfo.CurrentCulture),
            CellKind.Share => cell.Value!.Value.ToString("0.0", CultureInfo.CurrentCulture) + (withUnit ? " %" : string.Empty),
            _ => cell.Value!.Value.ToString("0.0", CultureInfo.CurrentCulture),
        },
    };

    public static IReadOnlyList<FigureSection> Sections(DashboardView view, IStringLocalizer localizer)
    {
        var f = view.Figures;
        string T(string key) => localizer[key].Value;
        var sections = new List<FigureSection>
        {
            new("courses", T("Reports.Section.Courses"), [
                new(T("Reports.Courses"), f.Courses),
                .. f.ByPhase.Select(p => new FigureRow(PhaseLabel(p.Key, localizer), p.Cell)),
            ]),
            new("consent", T("Reports.Section.Consent"), [
                new(T("Reports.WithConsent"), f.WithConsent),
                new(T("Reports.WithoutConsent"), f.WithoutConsent),
                new(T("Reports.ConsentShare"), f.ConsentShare),
            ]),
            Timeliness("told", T("Reports.Section.MunicipalityTold"), f.MunicipalityTold, localizer),
            Timeliness("joint", T("Reports.Section.FirstJointMeeting"), f.FirstJointMeeting, localizer),
            new("model", T("Reports.Section.Meetings"), [
                new(T("Reports.Model.Courses"), f.NetworkMeetings.Courses),
                new(T("Reports.Model.AverageHeld"), f.NetworkMeetings.AverageHeld),
                .. f.NetworkMeetings.Distribution.Select(p => new FigureRow(T("Reports.Model." + p.Key), p.Cell)),
                .. f.NetworkMeetings.ByTargetGroup.SelectMany(row => new[]
                {
                    new FigureRow(string.Format(CultureInfo.CurrentCulture, T("Reports.Model.RowCourses"), TargetGroup(view, row.TargetGroupCode), row.Model), row.Courses),
                    new FigureRow(string.Format(CultureInfo.CurrentCulture, T("Reports.Model.RowAverage"), TargetGroup(view, row.TargetGroupCode), row.Model), row.AverageHeld),
                }),
            ]),
            new("deadlines", T("Reports.Section.Deadlines"), [
                new(T("Reports.Agenda.Meetings"), f.Agenda.Meetings),
                .. f.Agenda.Parts.Select(p => new FigureRow(T("Reports.Agenda." + p.Key), p.Cell)),
                new(T("Reports.Agenda.Share"), f.Agenda.ShareInTime),
                .. f.Minutes.Parts.Select(p => new FigureRow(T("Reports.Minutes." + p.Key), p.Cell)),
                new(T("Reports.Minutes.Share"), f.Minutes.ShareInTime),
            ]),
            new("overdue", T("Reports.Section.Overdue"), [
                new(T("Reports.Overdue.OpenCourses"), f.OverdueActions.OpenCourses),
                new(T("Reports.Overdue.Courses"), f.OverdueActions.CoursesWithOverdue),
                new(T("Reports.Overdue.Actions"), f.OverdueActions.Actions),
                new(T("Reports.Overdue.Share"), f.OverdueActions.Share),
            ]),
            Work("work-end", T("Reports.Section.WorkAtEnd"), T("Reports.Work.EndedCourses"), f.WorkAtEnd, localizer),
            Work("work-six", T("Reports.Section.WorkAfterSixMonths"), T("Reports.Work.FollowUpCourses"), f.WorkAfterSixMonths, localizer),
            new("admissions", T("Reports.Section.Admissions"), [
                new(T("Reports.Admissions.Courses"), f.Admissions.Courses),
                new(T("Reports.Admissions.Before"), f.Admissions.Before),
                new(T("Reports.Admissions.After"), f.Admissions.After),
                new(T("Reports.Admissions.AverageBefore"), f.Admissions.AverageBefore),
                new(T("Reports.Admissions.AverageAfter"), f.Admissions.AverageAfter),
            ]),
        };
        if (f.FirstCompetitiveJob is { } job)
        {
            sections.Add(FromCourseStart("first-job", T("Reports.Section.FirstCompetitiveJob"), job, localizer)); // issue 17
        }

        if (f.IncomeBasisClarified is { } clarified)
        {
            sections.Add(FromCourseStart("income-basis", T("Reports.Section.IncomeBasisClarified"), clarified, localizer)); // issue 17
        }

        return sections;
    }

    public static string PhaseLabel(string key, IStringLocalizer localizer) =>
        Enum.TryParse<CoursePhase>(key, out var phase) ? localizer.Enum(phase) : localizer["Reports.Phase.Ended"].Value;

    public static string BucketLabel(string key, IStringLocalizer localizer) =>
        string.Format(CultureInfo.CurrentCulture, localizer["Reports.DaysBucket"].Value, key);

    public static string WorkLabel(string key, IStringLocalizer localizer) =>
        Enum.TryParse<WorkAttachmentStatus>(key, out var status) ? localizer.Enum(status) : localizer["Reports.Work.NotRecorded"].Value;

    public static IReadOnlyList<Bar> Bars(IEnumerable<Part> parts, Func<string, string> label, IStringLocalizer localizer) =>
        parts.Select(p => new Bar(label(p.Key), p.Cell, Display(p.Cell, localizer))).ToList();

    /// <summary>
    /// The figures as CSV for Excel: UTF-8 with a byte-order mark, semicolons (Danish Excel's list
    /// separator, since the comma is the decimal sign), one figure per line: section; figure; value.
    /// Text that a spreadsheet would run as a formula is prefixed with an apostrophe.
    /// </summary>
    public static byte[] Csv(DashboardView view, IStringLocalizer localizer)
    {
        var builder = new StringBuilder();
        void Line(params string[] fields) => builder.Append(string.Join(';', fields.Select(Field))).Append("\r\n");

        string T(string key) => localizer[key].Value;
        var filter = view.Filter;
        var all = T("Reports.Filter.All");
        Line(T("Reports.Csv.Section"), T("Reports.Csv.Figure"), T("Reports.Csv.Value"));
        var extract = T("Reports.Csv.Extract");
        Line(extract, T("Reports.Filter.From"), CopenhagenTime.Format(filter.From));
        Line(extract, T("Reports.Filter.To"), CopenhagenTime.Format(filter.To));
        Line(extract, T("Reports.ReferenceDate"), CopenhagenTime.Format(filter.ReferenceDate));
        Line(extract, T("Reports.Filter.Basis"), localizer.Enum(filter.Basis));
        Line(extract, T("Reports.Filter.Municipality"), filter.MunicipalityName ?? all);
        Line(extract, T("Reports.Filter.Organization"), filter.OrganizationName ?? all);
        Line(extract, T("Reports.Filter.TargetGroup"), filter.TargetGroupName ?? all);
        foreach (var section in Sections(view, localizer))
        {
            foreach (var row in section.Rows)
            {
                Line(section.Heading, row.Label, Display(row.Cell, localizer, withUnit: false));
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(builder.ToString())];
    }

    private static FigureSection Timeliness(string id, string heading, Domain.Reporting.Timeliness t, IStringLocalizer localizer) =>
        new(id, heading, [
            new(localizer["Reports.Timeliness.Starts"].Value, t.Starts),
            new(localizer["Reports.Timeliness.Reached"].Value, t.Reached),
            new(localizer["Reports.Timeliness.NotReached"].Value, t.NotReached),
            new(localizer["Reports.Timeliness.Median"].Value, t.MedianDays),
            new(localizer["Reports.Timeliness.Average"].Value, t.AverageDays),
            .. t.Distribution.Select(p => new FigureRow(BucketLabel(p.Key, localizer), p.Cell)),
        ]);

    private static FigureSection FromCourseStart(string id, string heading, Domain.Reporting.Timeliness t, IStringLocalizer localizer) =>
        new(id, heading, [
            new(localizer["Reports.Work.CourseStarts"].Value, t.Starts),
            new(localizer["Reports.Timeliness.Reached"].Value, t.Reached),
            new(localizer["Reports.Timeliness.NotReached"].Value, t.NotReached),
            new(localizer["Reports.Timeliness.Median"].Value, t.MedianDays),
            new(localizer["Reports.Timeliness.Average"].Value, t.AverageDays),
            .. t.Distribution.Select(p => new FigureRow(BucketLabel(p.Key, localizer), p.Cell)),
        ]);

    private static FigureSection Work(string id, string heading, string coursesLabel, WorkFigures w, IStringLocalizer localizer) =>
        new(id, heading, [
            new(coursesLabel, w.Courses),
            .. w.ByStatus.Select(p => new FigureRow(WorkLabel(p.Key, localizer), p.Cell)),
            new(localizer["Reports.Work.AttachedShare"].Value, w.AttachedShare),
        ]);

    private static string TargetGroup(DashboardView view, string code) => view.TargetGroups.FirstOrDefault(t => t.Code == code)?.Name ?? code;

    private static string Field(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
