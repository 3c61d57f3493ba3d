using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Directory;
using Samspil.Domain.Meetings;
using Samspil.Domain.Reporting;
using Samspil.Features.Access;
using Samspil.Features.Meetings;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Reporting;

/// <summary>
/// The steering group's dashboard (issue 7 point 3; R34–R36): validates the filters, gets the course
/// facts in the administrator's or manager's scope from the access layer, computes the suppressed figures in the
/// domain. Only suppressed aggregates leave this class.
/// </summary>
public sealed partial class ReportingService(
    SamspilDbContext db,
    CitizenDataAccess access,
    IAdmissionHistory admissionHistory,
    IOptions<MeetingOptions> meetingOptions,
    TimeProvider time,
    ILogger<ReportingService> logger)
{
    /// <summary>The longest period one dashboard covers.</summary>
    public const int MaxPeriodYears = 10;

    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2100, 12, 31);

    private static bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<DashboardView> DashboardAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        var (today, organizations, municipality, organization, targetGroup, targetGroups, from, to, basis) = await ParseAsync(query, cancellationToken);
        var courses = await access.ReportingFactsAsync(from, to, cancellationToken);
        var admissions = await admissionHistory.CountsAroundCourseStartAsync(courses.Select(c => new CourseStart(c.CourseId, c.CitizenId, c.Facts.StartDate)).ToList(), cancellationToken);
        var facts = courses.Select(c => c.Facts with { Admissions = admissions?.GetValueOrDefault(c.CourseId) }).ToList();
        var work = await access.ReportingWorkFactsAsync(courses.Select(c => c.CourseId).ToList(), to < today ? to : today, cancellationToken); // issue 17
        facts = facts.Select((f, i) => work.GetValueOrDefault(courses[i].CourseId) is { } w ? f with { FirstCompetitiveJobOn = w.FirstCompetitiveJobOn, IncomeBasisClarifiedOn = w.IncomeBasisClarifiedOn } : f).ToList();
        var options = meetingOptions.Value;
        var criteria = new DashboardCriteria(
            from,
            to,
            today,
            basis,
            municipality is { } m ? WithUnitsBelow(m.Id, organizations) : null,
            organization is { } o ? WithUnitsBelow(o.Id, organizations) : null,
            targetGroup,
            await ModelMeetingsAsync(targetGroups.Select(t => t.Code).ToList(), cancellationToken),
            admissions is not null,
            options.AgendaWorkingDaysBefore,
            options.MinutesWorkingDaysAfter);
        var figures = DashboardFigures.Compute(facts, criteria);
        LogDashboard(logger, access.User.UserId, courses.Count);

        var group = targetGroups.SingleOrDefault(t => t.Code == targetGroup);
        return new DashboardView(
            new DashboardFilterView(municipality?.Id, municipality?.Name, organization?.Id, organization?.Name, targetGroup, group is null ? null : (English ? group.NameEn : group.NameDa), from, to, criteria.ReferenceDate, basis),
            figures,
            targetGroups.Select(t => new TargetGroupName(t.Code, English ? t.NameEn : t.NameDa)).ToList());
    }

    /// <summary>Validates the dashboard's filters (the same for every part of the dashboard); a bad one is a problem naming its field.</summary>
    private async Task<ParsedFilter> ParseAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var errors = new ValidationErrors();
        var organizations = await db.Organizations.AsNoTracking().Select(o => new OrganizationRow(o.Id, o.PartOfId, o.Name, o.Sector, o.Kind)).ToListAsync(cancellationToken);
        var byId = organizations.ToDictionary(o => o.Id);

        var municipality = ParseOrganization(query.Municipality, "municipality", "Reports.Municipality.Unknown", byId, errors, o => o.Sector == Sector.Municipality);
        var organization = ParseOrganization(query.Organization, "organization", "Reports.Organization.Unknown", byId, errors, _ => true);

        string? targetGroup = null;
        var targetGroups = await db.TargetGroups.AsNoTracking().OrderBy(t => t.SortOrder).Select(t => new TargetGroupRow(t.Code, t.NameDa, t.NameEn)).ToListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(query.TargetGroup))
        {
            targetGroup = query.TargetGroup.Trim();
            if (!targetGroups.Any(t => t.Code == targetGroup))
            {
                errors.Add("targetGroup", "Reports.TargetGroup.Unknown");
            }
        }

        var to = ParseDate(query.To, "to", errors) ?? today;
        var from = ParseDate(query.From, "from", errors) ?? to.AddYears(-1).AddDays(1);
        if (from > to)
        {
            errors.Add("to", "Reports.Period.Invalid");
        }
        else if (from < to.AddYears(-MaxPeriodYears))
        {
            errors.Add("from", "Reports.Period.TooLong");
        }

        var basis = PeriodBasis.Active;
        if (!string.IsNullOrWhiteSpace(query.Basis) && (!Enum.TryParse(query.Basis.Trim(), ignoreCase: true, out basis) || !Enum.IsDefined(basis) || char.IsDigit(query.Basis.Trim()[0])))
        {
            errors.Add("basis", "Reports.Basis.Invalid");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        return new ParsedFilter(today, organizations, municipality, organization, targetGroup, targetGroups, from, to, basis);
    }

    /// <summary>
    /// What the filters offer. Municipalities are the municipality-level organisations; organisations
    /// are the user's own organisation and the units below it, where their figures come from.
    /// </summary>
    public async Task<DashboardOptions> OptionsAsync(CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new OrganizationRow(o.Id, o.PartOfId, o.Name, o.Sector, o.Kind)).ToListAsync(cancellationToken);
        var own = access.User.OrganizationId is { } unit ? WithUnitsBelow(unit, organizations) : new HashSet<Guid>();
        var targetGroups = await db.TargetGroups.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync(cancellationToken);
        return new DashboardOptions(
            organizations.Where(o => o.Kind == OrganizationKind.Municipality).Select(o => new FilterOption(Id(o.Id), o.Name)).ToList(),
            organizations.Where(o => own.Contains(o.Id)).Select(o => new FilterOption(Id(o.Id), o.Name)).ToList(),
            targetGroups.Select(t => new FilterOption(t.Code, t.DisplayName(English))).ToList());
    }

    /// <summary>
    /// The model's number of network meetings per target group: the network-meeting steps (not
    /// repeating) of the active template proposed for the group (Tværindsats: 3). 0 when there is none.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, int>> ModelMeetingsAsync(IReadOnlyList<string> targetGroups, CancellationToken cancellationToken)
    {
        var templates = await db.MeetingTemplates.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Key).ToListAsync(cancellationToken);
        return targetGroups.ToDictionary(
            code => code,
            code => templates.FirstOrDefault(t => t.IsDefaultFor(code))?.Steps.Count(s => s.Kind == MeetingKind.Network && s.RepeatEveryDays is null) ?? 0,
            StringComparer.Ordinal);
    }

    private static OrganizationRow? ParseOrganization(string? value, string field, string unknownCode, Dictionary<Guid, OrganizationRow> organizations, ValidationErrors errors, Func<OrganizationRow, bool> fits)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Guid.TryParse(value.Trim(), out var id) && organizations.TryGetValue(id, out var organization) && fits(organization))
        {
            return organization;
        }

        errors.Add(field, unknownCode);
        return null;
    }

    private static DateOnly? ParseDate(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date >= Earliest && date <= Latest)
        {
            return date;
        }

        errors.Add(field, "Reports.Date.Invalid");
        return null;
    }

    private static HashSet<Guid> WithUnitsBelow(Guid root, IReadOnlyList<OrganizationRow> organizations)
    {
        var set = new HashSet<Guid> { root };
        for (var grown = true; grown;)
        {
            var children = organizations.Where(o => o.PartOfId is { } parent && set.Contains(parent) && !set.Contains(o.Id)).Select(o => o.Id).ToList();
            set.UnionWith(children);
            grown = children.Count > 0;
        }

        return set;
    }

    private static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard computed for user {UserId} over {Courses} courses in scope")]
    private static partial void LogDashboard(ILogger logger, Guid userId, int courses);

    private sealed record OrganizationRow(Guid Id, Guid? PartOfId, string Name, Sector Sector, OrganizationKind Kind);

    private sealed record TargetGroupRow(string Code, string NameDa, string NameEn);

    private sealed record ParsedFilter(
        DateOnly Today,
        List<OrganizationRow> Organizations,
        OrganizationRow? Municipality,
        OrganizationRow? Organization,
        string? TargetGroup,
        List<TargetGroupRow> TargetGroups,
        DateOnly From,
        DateOnly To,
        PeriodBasis Basis);
}
