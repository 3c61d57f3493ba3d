using Samspil.Domain.Offerings;
using Samspil.Domain.Screening;

namespace Samspil.Features.Offerings;

/// <summary>An offering's state at a moment: open until when, or closed until when it next opens (Copenhagen wall-clock times).</summary>
public sealed record OfferingOpenState(bool OpenNow, DateTime? OpenUntil, DateTime? NextOpens);

/// <summary>One day of an offering's hours, for the detail page: the intervals starting that day and the public holiday, if any.</summary>
public sealed record OfferingDayHours(DateOnly Date, IReadOnlyList<(DateTime Start, DateTime End)> Intervals, string? HolidayKey, bool HasException);

/// <summary>
/// The search's questions about opening hours, answered with <see cref="OpeningHours"/> (the model's single evaluation of
/// weekly periods, exceptions and public holidays): open at a moment, open at some time in a window ("tonight", "this weekend"),
/// and the state shown on a card ("open · closes at 16:00", "closed · opens Monday 08:00").
/// </summary>
public static class OfferingSearchHours
{
    /// <summary>Tonight: 18:00 today to 06:00 tomorrow; after midnight and before 06:00 it is the night that began yesterday.</summary>
    public static (DateTime From, DateTime To) Tonight(DateTime local)
    {
        var day = local.TimeOfDay < TimeSpan.FromHours(6) ? local.Date.AddDays(-1) : local.Date;
        var from = day.AddHours(18);
        return (from < local ? local : from, day.AddDays(1).AddHours(6));
    }

    /// <summary>This weekend: Saturday 00:00 to Monday 00:00 — the coming one, or from now if it is already Saturday or Sunday.</summary>
    public static (DateTime From, DateTime To) Weekend(DateTime local)
    {
        var date = local.Date;
        return local.DayOfWeek switch
        {
            DayOfWeek.Saturday => (local, date.AddDays(2)),
            DayOfWeek.Sunday => (local, date.AddDays(1)),
            _ => (date.AddDays(((int)DayOfWeek.Saturday - (int)local.DayOfWeek + 7) % 7), date.AddDays(((int)DayOfWeek.Saturday - (int)local.DayOfWeek + 7) % 7 + 2)),
        };
    }

    public static OfferingOpenState StateAt(OpeningHours hours, DateTimeOffset instant) => StateAtLocal(hours, CopenhagenClock.ToLocal(instant));

    /// <summary>Open now and until when (touching intervals joined, looking a week ahead), or when it next opens within 8 days.</summary>
    public static OfferingOpenState StateAtLocal(OpeningHours hours, DateTime local)
    {
        var today = DateOnly.FromDateTime(local);
        var intervals = Enumerable.Range(-1, 9).SelectMany(d => hours.IntervalsStartingOn(today.AddDays(d))).OrderBy(i => i.Start).ToList();
        var current = intervals.Where(i => i.Start <= local && local < i.End).Select(i => i.End).DefaultIfEmpty().Max();
        if (current != default)
        {
            var until = current;
            bool extended;
            do
            {
                extended = false;
                foreach (var i in intervals.Where(i => i.Start <= until && i.End > until))
                {
                    until = i.End;
                    extended = true;
                }
            }
            while (extended && until < local.AddDays(7));

            return new OfferingOpenState(true, until >= local.AddDays(7) ? null : until, null);
        }

        var next = intervals.Where(i => i.Start > local).Select(i => (DateTime?)i.Start).FirstOrDefault();
        return new OfferingOpenState(false, null, next);
    }

    /// <summary>The next <paramref name="days"/> days' hours from a date, with public holidays and exceptions marked.</summary>
    public static IReadOnlyList<OfferingDayHours> Week(OpeningHours hours, DateOnly from, int days = 7) =>
        Enumerable.Range(0, days).Select(d => from.AddDays(d)).Select(date => new OfferingDayHours(
            date,
            hours.IntervalsStartingOn(date),
            DanishPublicHolidays.NameOf(date),
            hours.Exceptions.Any(e => e.Date == date))).ToList();
}
