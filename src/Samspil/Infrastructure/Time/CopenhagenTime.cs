using System.Globalization;
using Samspil.Domain.Common;

namespace Samspil.Infrastructure.Time;

/// <summary>Times are stored in UTC and shown in Danish local time.</summary>
public static class CopenhagenTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    /// <summary>The Danish calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at).DateTime);

    /// <summary>Now, as a UTC instant and as today's date in Denmark.</summary>
    public static Moment Now(TimeProvider time)
    {
        var utc = time.GetUtcNow();
        return new Moment(utc, DateOnly.FromDateTime(ToLocal(utc).DateTime));
    }

    /// <summary>The UTC instant at which a Danish calendar day begins (handles summer time).</summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);

    /// <summary>
    /// The UTC instant of a Danish wall-clock time. A time in the hour skipped in March is refused
    /// (null), and one in the hour repeated in October is read as the first (summer-time) one.
    /// </summary>
    public static DateTimeOffset? ToUtc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static string Format(DateTimeOffset utc) => ToLocal(utc).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Format(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
}
