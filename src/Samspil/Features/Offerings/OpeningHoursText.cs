using System.Globalization;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Offerings;
using Samspil.Domain.Screening;

namespace Samspil.Features.Offerings;

/// <summary>
/// The words for an offering's opening hours, in the reader's language: "Åben nu · lukker kl. 16:00",
/// "Lukket · åbner mandag kl. 08:00", "Døgnåbent", a week view's day names and holidays. Keys
/// "OpeningHours.*" and "Holiday.*" are citizen-facing (all five languages). Times are 24-hour "HH:mm".
/// </summary>
public static class OpeningHoursText
{
    /// <summary>The state now and the next change, as one line.</summary>
    public static string Describe(OpeningState state, DateTimeOffset now, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(localizer);
        if (state.AroundTheClock)
        {
            return localizer["OpeningHours.AroundTheClock"];
        }

        var head = state.IsOpen ? localizer["OpeningHours.OpenNow"].Value : localizer["OpeningHours.Closed"].Value;
        if (state.NextChangeLocal is not { } next)
        {
            return head;
        }

        var today = DateOnly.FromDateTime(CopenhagenClock.ToLocal(now));
        var date = DateOnly.FromDateTime(next);
        var clock = Time(TimeOnly.FromDateTime(next));
        var verb = state.IsOpen ? "Closes" : "Opens";
        var tail = (date.DayNumber - today.DayNumber) switch
        {
            0 => Format(localizer["OpeningHours." + verb + "At"], clock),
            1 => Format(localizer["OpeningHours." + verb + "TomorrowAt"], clock),
            < 7 => Format(localizer["OpeningHours." + verb + "OnAt"], Weekday(date.DayOfWeek, localizer), clock),
            _ => Format(localizer["OpeningHours." + verb + "OnAt"], Weekday(date.DayOfWeek, localizer) + " " + Infrastructure.Forms.DanishDates.Format(date), clock),
        };
        return head + " · " + tail;
    }

    /// <summary>A weekday's name ("mandag"), from the resources so every language has it whatever the culture's calendar.</summary>
    public static string Weekday(DayOfWeek day, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer["OpeningHours.Day." + day];
    }

    /// <summary>A day of a week view as text: "08:00–16:00", "22:00–02:00", "Døgnåbent", or "Lukket".</summary>
    public static string Hours(OpeningDay day, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(localizer);
        if (day.AllDay)
        {
            return localizer["OpeningHours.AroundTheClock"];
        }

        return day.IsClosed ? localizer["OpeningHours.ClosedAllDay"] : string.Join(", ", day.Intervals.Select(i => Time(i.Opens) + "–" + Time(i.Closes)));
    }

    /// <summary>The holiday's name ("Juledag") or null.</summary>
    public static string? Holiday(OpeningDay day, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(localizer);
        return day.HolidayKey is { } key ? localizer[key].Value : null;
    }

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Format(LocalizedString pattern, params object[] values) => string.Format(CultureInfo.CurrentCulture, pattern.Value, values);
}
