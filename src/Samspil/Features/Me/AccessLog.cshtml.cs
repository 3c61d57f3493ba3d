using Microsoft.AspNetCore.Mvc;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Features.Audit;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Me;

/// <summary>
/// "Hvem har set mine oplysninger": by default grouped by person, organisation and day, the reader's own
/// reads hidden and reads not on consent marked; the detailed list (every entry, 50 at a time) behind a switch.
/// </summary>
public sealed class AccessLogModel(AccessLogQueries queries, CurrentUser user, TimeProvider time) : MePage(user)
{
    public DateOnly Today => Samspil.Infrastructure.Time.CopenhagenTime.Today(time);

    public const int PageSize = 50;

    public const int GroupPageSize = 30;

    /// <summary>The detailed list of every entry instead of the grouped view.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Detail { get; set; }

    /// <summary>Show the reader's own reads too.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Own { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Organization { get; set; }

    public AccessLogGroupsView? Groups { get; private set; }

    [BindProperty(SupportsGet = true)]
    public InformationCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public AccessAction? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Skip { get; set; }

    public IReadOnlyList<AccessLogView> Entries { get; private set; } = [];

    public bool HasOlder { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A tampered or half-typed filter value is ignored rather than failing the page.
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Count > 0)
            {
                Reset(key);
            }
        }

        ModelState.Clear();
        if (Category is { } category && !InformationCategories.Each.Contains(category))
        {
            Category = null;
        }

        if (Action is { } action && !Enum.IsDefined(action))
        {
            Action = null;
        }

        Skip = Math.Clamp(Skip, 0, AccessLogQueries.MaxSkip);
        if (!Detail)
        {
            Groups = await queries.GroupedAsync(new AccessLogGroupFilter(Own, Person, Organization, From, To, Skip, GroupPageSize), cancellationToken);
            HasOlder = Groups.HasOlder;
            return;
        }

        // One more than a page tells whether there is an older page, without counting.
        var entries = await queries.MineAsync(new AccessLogFilter(Category, Action, From, To, Skip, PageSize + 1), cancellationToken);
        HasOlder = entries.Count > PageSize;
        Entries = entries.Take(PageSize).ToList();
    }

    /// <summary>The address of another page of the same filtered log.</summary>
    public string PageUrl(int skip) => LinkTo(skip, Detail, Own, Person, Organization);

    /// <summary>The same log with one switch or filter changed.</summary>
    public string LinkTo(int skip, bool detail, bool own, Guid? person, Guid? organization)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["detail"] = detail ? "true" : null,
            ["own"] = own ? "true" : null,
            ["person"] = person?.ToString(),
            ["organization"] = organization?.ToString(),
            ["category"] = Category?.ToString(),
            ["action"] = Action?.ToString(),
            ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["skip"] = skip > 0 ? skip.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Me/AccessLog", query.Where(p => p.Value is not null));
    }

    private void Reset(string key)
    {
        switch (key)
        {
            case nameof(Category): Category = null; break;
            case nameof(Action): Action = null; break;
            case nameof(From): From = null; break;
            case nameof(To): To = null; break;
            case nameof(Skip): Skip = 0; break;
            case nameof(Detail): Detail = false; break;
            case nameof(Own): Own = false; break;
            case nameof(Person): Person = null; break;
            case nameof(Organization): Organization = null; break;
        }
    }
}
