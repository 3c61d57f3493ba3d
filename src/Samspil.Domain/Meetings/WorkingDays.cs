namespace Samspil.Domain.Meetings;

/// <summary>
/// Danish working days for deadlines ("the agenda three working days before"): Monday to Friday,
/// except the public holidays (helligdage) and the days public offices close (24 and 31 December,
/// Grundlovsdag 5 June). Store Bededag is a working day from 2024.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day);

    /// <summary>The working day <paramref name="count"/> working days before <paramref name="day"/>.</summary>
    public static DateOnly Before(DateOnly day, int count) => Step(day, count, -1);

    /// <summary>The working day <paramref name="count"/> working days after <paramref name="day"/>.</summary>
    public static DateOnly After(DateOnly day, int count) => Step(day, count, 1);

    public static bool IsHoliday(DateOnly day)
    {
        if ((day.Month, day.Day) is (1, 1) or (6, 5) or (12, 24) or (12, 25) or (12, 26) or (12, 31))
        {
            return true;
        }

        var easter = EasterSunday(day.Year);
        var offset = day.DayNumber - easter.DayNumber;
        return offset is -3 or -2 or 0 or 1 or 39 or 49 or 50 || (offset == 26 && day.Year < 2024);
    }

    /// <summary>Easter Sunday (Gregorian; the anonymous algorithm, valid for every year of this calendar).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, dayOfMonth);
    }

    private static DateOnly Step(DateOnly day, int count, int direction)
    {
        var current = day;
        var remaining = count;
        while (remaining > 0)
        {
            current = current.AddDays(direction);
            if (IsWorkingDay(current))
            {
                remaining--;
            }
        }

        return current;
    }
}
