using System.Globalization;
using Samspil.Domain.Common;

namespace Samspil.Infrastructure.Time;

/// <summary>Times are stored in UTC and shown in Danish local time.</summary>
public static class CopenhagenTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ToLocal(time.GetUtcNow()).DateTime);

    /// <summary>Now, as a UTC instant and as today's date in Denmark.</summary>
    public static Moment Now(TimeProvider time)
    {
        var utc = time.GetUtcNow();
        return new Moment(utc, DateOnly.FromDateTime(ToLocal(utc).DateTime));
    }

    /// <summary>The UTC instant at which a Danish calendar day begins (handles summer time).</summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);

    public static string Format(DateTimeOffset utc) => ToLocal(utc).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Format(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
}
