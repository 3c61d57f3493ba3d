using System.Globalization;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Screening;

namespace Samspil.Features.EntryPoints;

/// <summary>Opening hours and the open-now state as words, in the visitor's language and Danish local time.</summary>
public static class OpenStateText
{
    /// <summary>The week from Monday (the Danish week), as the page lists it.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>"Åben nu – lukker kl. 15:00", "Lukket nu – åbner mandag kl. 08:00", "Åben hele døgnet, alle dage".</summary>
    public static string State(OpenStateView hours, DateTimeOffset at, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(localizer);
        if (hours.OpenNow && hours.AlwaysOpen && hours.NextChange is null)
        {
            return localizer["EntryPoint.AlwaysOpen"];
        }

        if (hours.NextChange is not { } change)
        {
            return localizer[hours.OpenNow ? "EntryPoint.OpenNow" : "EntryPoint.ClosedNow"];
        }

        return string.Format(CultureInfo.CurrentCulture, localizer[hours.OpenNow ? "EntryPoint.OpenUntil" : "EntryPoint.ClosedUntil"], When(change, at, localizer));
    }

    /// <summary>"kl. 15:00" today, "lørdag kl. 10:00" on another day.</summary>
    public static string When(DateTimeOffset instant, DateTimeOffset at, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var local = CopenhagenClock.ToLocal(instant);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return DateOnly.FromDateTime(local) == DateOnly.FromDateTime(CopenhagenClock.ToLocal(at))
            ? string.Format(CultureInfo.CurrentCulture, localizer["EntryPoint.AtTime"], time)
            : string.Format(CultureInfo.CurrentCulture, localizer["EntryPoint.AtDayTime"], CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(local.DayOfWeek), time);
    }

    /// <summary>The day's hours as "08:00–15:00, 18:00–21:00", or "Lukket".</summary>
    public static string Day(OpenStateView hours, DayOfWeek day, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(localizer);
        if (hours.AlwaysOpen)
        {
            return "00:00–24:00";
        }

        var periods = hours.Week.Where(p => p.Day == day).ToList();
        return periods.Count == 0
            ? localizer["EntryPoint.Closed"]
            : string.Join(", ", periods.Select(p => p.Opens.ToString("HH:mm", CultureInfo.InvariantCulture) + "–" + p.Closes.ToString("HH:mm", CultureInfo.InvariantCulture)));
    }

    /// <summary>The day's name in the visitor's language, capitalised ("Mandag").</summary>
    public static string DayName(DayOfWeek day)
    {
        var name = CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);
        return name.Length > 0 ? char.ToUpper(name[0], CultureInfo.CurrentCulture) + name[1..] : name;
    }

    /// <summary>"Ring 72 00 03 30" with the number kept left to right inside right-to-left text (Arabic, Farsi).</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Call(string? phone, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return new Microsoft.AspNetCore.Html.HtmlString(string.Format(
            CultureInfo.CurrentCulture,
            System.Net.WebUtility.HtmlEncode(localizer["EntryPoint.Call"].Value),
            "<bdi dir=\"ltr\">" + System.Net.WebUtility.HtmlEncode(phone) + "</bdi>"));
    }
}
