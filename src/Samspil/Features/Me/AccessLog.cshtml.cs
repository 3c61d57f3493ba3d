using Microsoft.AspNetCore.Mvc;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Features.Audit;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Me;

/// <summary>"Hvem har set mine oplysninger": the access log about the citizen, newest first, filterable, 50 at a time.</summary>
public sealed class AccessLogModel(AccessLogQueries queries, CurrentUser user) : MePage(user)
{
    public const int PageSize = 50;

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

        Skip = Math.Max(0, Skip);

        // One more than a page tells whether there is an older page, without counting.
        var entries = await queries.MineAsync(new AccessLogFilter(Category, Action, From, To, Skip, PageSize + 1), cancellationToken);
        HasOlder = entries.Count > PageSize;
        Entries = entries.Take(PageSize).ToList();
    }

    /// <summary>The address of another page of the same filtered log.</summary>
    public string PageUrl(int skip)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
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
        }
    }
}
