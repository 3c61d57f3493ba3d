using System.Globalization;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace Samspil.Features.Meetings.Calendar;

/// <summary>A time someone is busy, as UTC instants; the location is the event's LOCATION text when it has one.</summary>
public sealed record BusyInterval(DateTimeOffset Start, DateTimeOffset End, string? Location);

/// <summary>Limits that keep a hostile or runaway calendar from costing more than a real one.</summary>
public sealed class BusyTimeReaderOptions
{
    /// <summary>Largest accepted input, in UTF-8 bytes (default 2 MiB).</summary>
    public int MaxInputBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Most occurrences and busy periods looked at in one read (default 10,000).</summary>
    public int MaxOccurrences { get; init; } = 10_000;

    /// <summary>
    /// Budget for expanding recurrence rules, summed over the calendar: for each rule the number of
    /// steps from its DTSTART to the end of the window (or UNTIL/COUNT), times what its BY parts
    /// multiply each step into (default 500,000, a fraction of a second).
    /// </summary>
    public long MaxRecurrenceWork { get; init; } = 500_000;

    /// <summary>Deepest BEGIN/END nesting accepted (VCALENDAR › VEVENT › VALARM is 3).</summary>
    public int MaxNestingDepth { get; init; } = 8;
}

/// <summary>
/// Reads busy times from an iCalendar feed or .ics file (RFC 5545) with Ical.Net: VEVENTs, with their
/// RRULE/RDATE recurrences, EXDATEs and changed or cancelled instances (RECURRENCE-ID), and VFREEBUSY
/// periods. Transparent (TRANSP:TRANSPARENT) and cancelled events are not busy; FBTYPE=FREE is not busy.
/// All-day events and floating times (no zone) are taken as Danish local time; a TZID that no zone
/// database knows (Outlook's "Customized Time Zone") is taken as Europe/Copenhagen too.
/// Anything malformed or over a limit raises <see cref="CalendarFormatException"/>; nothing else escapes.
/// </summary>
public sealed class BusyTimeReader
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(CalendarWriter.TimeZoneId);
    private static readonly string[] UtcFormats = ["yyyyMMdd'T'HHmmss'Z'"];
    private static readonly string[] LocalFormats = ["yyyyMMdd'T'HHmmss"];
    private static readonly object ResolverLock = new();
    private static bool _resolverInstalled;

    private readonly BusyTimeReaderOptions _options;

    public BusyTimeReader()
        : this(new BusyTimeReaderOptions())
    {
    }

    public BusyTimeReader(BusyTimeReaderOptions options)
    {
        _options = options;
        InstallFallbackTimeZoneResolver();
    }

    /// <summary>Reads the busy intervals that overlap [<paramref name="from"/>, <paramref name="to"/>), sorted by start; they are not clipped to the window.</summary>
    public IReadOnlyList<BusyInterval> Read(string icalendar, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(icalendar);
        if (to <= from)
        {
            throw new ArgumentException("The window must end after it starts.", nameof(to));
        }

        if (icalendar.Length > _options.MaxInputBytes || Encoding.UTF8.GetByteCount(icalendar) > _options.MaxInputBytes)
        {
            throw new CalendarFormatException(CalendarFormatError.TooLarge);
        }

        var text = Unfold(icalendar);
        var freeBusyLines = Scan(text);

        CalendarCollection calendars;
        try
        {
            calendars = CalendarCollection.Load(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CalendarFormatException(CalendarFormatError.Malformed, e.GetType().Name);
        }

        if (calendars.Count == 0)
        {
            throw new CalendarFormatException(CalendarFormatError.NotICalendar);
        }

        var busy = new List<BusyInterval>();
        var looked = 0;
        var work = 0L;
        foreach (var calendar in calendars)
        {
            work += RecurrenceWork(calendar, to);
            if (work > _options.MaxRecurrenceWork)
            {
                throw new CalendarFormatException(CalendarFormatError.RecurrenceTooExpensive);
            }

            ReadEvents(calendar, from, to, busy, ref looked);
        }

        foreach (var line in freeBusyLines)
        {
            ReadFreeBusy(line, from, to, busy, ref looked);
        }

        busy.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return busy;
    }

    /// <summary>Reads a feed or uploaded file, refusing it as soon as it passes the size limit.</summary>
    public async Task<IReadOnlyList<BusyInterval>> ReadAsync(Stream icalendar, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var buffer = new byte[_options.MaxInputBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await icalendar.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        if (length > _options.MaxInputBytes)
        {
            throw new CalendarFormatException(CalendarFormatError.TooLarge);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw new CalendarFormatException(CalendarFormatError.Malformed, nameof(DecoderFallbackException));
        }

        return Read(text, from, to);
    }

    private void ReadEvents(Ical.Net.Calendar calendar, DateTimeOffset from, DateTimeOffset to, List<BusyInterval> busy, ref int looked)
    {
        // Ical.Net orders floating and all-day times as if they were UTC: ask a day wider, filter exactly below.
        var askFrom = new CalDateTime(from.UtcDateTime.AddDays(-1), CalDateTime.UtcTzId, hasTime: true);
        var stopAt = to.AddDays(1);
        var evaluation = new EvaluationOptions { MaxUnmatchedIncrementsLimit = 1_000 };
        try
        {
            foreach (var occurrence in calendar.GetOccurrences<CalendarEvent>(askFrom, evaluation))
            {
                if (++looked > _options.MaxOccurrences)
                {
                    throw new CalendarFormatException(CalendarFormatError.TooManyOccurrences);
                }

                var start = ToUtc(occurrence.Period.StartTime);
                if (start >= stopAt)
                {
                    break;
                }

                if (occurrence.Source is not CalendarEvent source
                    || string.Equals(source.Status, EventStatus.Cancelled, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(source.Transparency, TransparencyType.Transparent, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var end = occurrence.Period.EffectiveEndTime is { } effectiveEnd ? ToUtc(effectiveEnd) : start;
                if (end > start && end > from && start < to)
                {
                    busy.Add(new BusyInterval(start, end, string.IsNullOrWhiteSpace(source.Location) ? null : source.Location.Trim()));
                }
            }
        }
        catch (CalendarFormatException)
        {
            throw;
        }
        catch (EvaluationLimitExceededException)
        {
            throw new CalendarFormatException(CalendarFormatError.RecurrenceTooExpensive);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CalendarFormatException(CalendarFormatError.Malformed, e.GetType().Name);
        }
    }

    private void ReadFreeBusy(FreeBusyLine line, DateTimeOffset from, DateTimeOffset to, List<BusyInterval> busy, ref int looked)
    {
        if (string.Equals(line.Type, "FREE", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        foreach (var period in line.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (++looked > _options.MaxOccurrences)
            {
                throw new CalendarFormatException(CalendarFormatError.TooManyOccurrences);
            }

            var (start, end) = ParsePeriod(period);
            if (end > start && end > from && start < to)
            {
                busy.Add(new BusyInterval(start, end, null));
            }
        }
    }

    /// <summary>A FREEBUSY period: start/end or start/duration (RFC 5545 3.3.9); times are UTC, floating taken as Danish.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) ParsePeriod(string period)
    {
        var parts = period.Split('/');
        if (parts.Length != 2)
        {
            throw new CalendarFormatException(CalendarFormatError.Malformed, "Period");
        }

        var start = ParseDateTime(parts[0]);
        if (parts[1].StartsWith('P') || parts[1].StartsWith("+P", StringComparison.Ordinal))
        {
            TimeSpan length;
            try
            {
                length = Duration.Parse(parts[1]) is { } duration ? duration.ToTimeSpanUnspecified() : throw new FormatException();
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw new CalendarFormatException(CalendarFormatError.Malformed, "Duration");
            }

            if (length <= TimeSpan.Zero || length > TimeSpan.FromDays(366))
            {
                throw new CalendarFormatException(CalendarFormatError.Malformed, "Duration");
            }

            return (start, start + length);
        }

        return (start, ParseDateTime(parts[1]));
    }

    private static DateTimeOffset ParseDateTime(string value)
    {
        if (DateTime.TryParseExact(value, UtcFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return new DateTimeOffset(utc, TimeSpan.Zero);
        }

        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return LocalToUtc(local);
        }

        throw new CalendarFormatException(CalendarFormatError.Malformed, "DateTime");
    }

    private static DateTimeOffset ToUtc(CalDateTime value)
    {
        if (!value.HasTime)
        {
            return LocalToUtc(value.Date.ToDateTime(TimeOnly.MinValue));
        }

        return value.IsFloating ? LocalToUtc(value.Value) : new DateTimeOffset(value.AsUtc, TimeSpan.Zero);
    }

    /// <summary>Danish wall-clock time to UTC; a time skipped by the spring change is moved past the gap.</summary>
    private static DateTimeOffset LocalToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }

    /// <summary>
    /// What expanding the calendar's rules up to <paramref name="to"/> costs, estimated before Ical.Net
    /// walks them: Ical.Net steps from DTSTART through every earlier occurrence, so a rule that repeats
    /// every minute since 1970 would hold a thread for minutes.
    /// </summary>
    private static long RecurrenceWork(Ical.Net.Calendar calendar, DateTimeOffset to)
    {
        var total = 0L;
        foreach (var component in calendar.RecurringItems.OfType<RecurringComponent>())
        {
            if (component.DtStart is not { } dtStart)
            {
                continue;
            }

            DateTimeOffset start;
            try
            {
                start = ToUtc(dtStart);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new CalendarFormatException(CalendarFormatError.Malformed, e.GetType().Name);
            }

            // Deprecated in Ical.Net, but a feed may still hold several RRULEs or an EXRULE and Ical.Net expands them.
#pragma warning disable CS0618
            var rules = component.RecurrenceRules.Concat(component.ExceptionRules).ToList();
#pragma warning restore CS0618
            foreach (var rule in rules)
            {
                total = Math.Min(long.MaxValue / 2, total + RuleWork(rule, start, to));
            }
        }

        return total;
    }

    private static long RuleWork(RecurrenceRule rule, DateTimeOffset start, DateTimeOffset to)
    {
        var end = to;
        if (rule.Until is { } until)
        {
            try
            {
                var untilUtc = ToUtc(until);
                end = untilUtc < end ? untilUtc : end;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new CalendarFormatException(CalendarFormatError.Malformed, e.GetType().Name);
            }
        }

        var stepSeconds = rule.Frequency switch
        {
            FrequencyType.Secondly => 1d,
            FrequencyType.Minutely => 60d,
            FrequencyType.Hourly => 3_600d,
            FrequencyType.Daily => 86_400d,
            FrequencyType.Weekly => 7 * 86_400d,
            FrequencyType.Monthly => 28 * 86_400d,
            _ => 365 * 86_400d,
        } * Math.Max(1, rule.Interval);
        var steps = end <= start ? 1d : Math.Ceiling((end - start).TotalSeconds / stepSeconds) + 1;
        if (rule.Count is { } count && count >= 0)
        {
            steps = Math.Min(steps, count + 1d);
        }

        double expansion = new[]
        {
            rule.BySecond.Count, rule.ByMinute.Count, rule.ByHour.Count, rule.ByDay.Count, rule.ByMonthDay.Count,
            rule.ByYearDay.Count, rule.ByWeekNo.Count, rule.ByMonth.Count,
        }.Aggregate(1d, (product, n) => product * Math.Max(1, n));
        return (long)Math.Min(long.MaxValue / 4, steps * expansion);
    }

    /// <summary>RFC 5545 unfolding (a line break followed by a space or tab continues the line); CRLF line ends; no BOM.</summary>
    private static string Unfold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                var next = i + 1;
                if (c == '\r' && next < text.Length && text[next] == '\n')
                {
                    next++;
                }

                if (next < text.Length && text[next] is ' ' or '\t')
                {
                    i = next;
                    continue;
                }

                builder.Append("\r\n");
                i = next - 1;
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private sealed record FreeBusyLine(string? Type, string Value);

    /// <summary>
    /// Checks nesting and that this is iCalendar at all, and picks out the FREEBUSY lines of VFREEBUSY
    /// components (Ical.Net 5.2 does not parse their periods).
    /// </summary>
    private List<FreeBusyLine> Scan(string text)
    {
        var stack = new Stack<string>();
        var sawCalendar = false;
        var freeBusy = new List<FreeBusyLine>();
        foreach (var line in text.Split("\r\n"))
        {
            if (line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase))
            {
                var name = line[6..].Trim().ToUpperInvariant();
                sawCalendar |= stack.Count == 0 && name == "VCALENDAR";
                stack.Push(name);
                if (stack.Count > _options.MaxNestingDepth)
                {
                    throw new CalendarFormatException(CalendarFormatError.NestedTooDeeply);
                }
            }
            else if (line.StartsWith("END:", StringComparison.OrdinalIgnoreCase))
            {
                if (stack.Count > 0)
                {
                    stack.Pop();
                }
            }
            else if (stack.Count > 0 && stack.Peek() == "VFREEBUSY" && line.StartsWith("FREEBUSY", StringComparison.OrdinalIgnoreCase)
                && line.Length > 8 && line[8] is ':' or ';')
            {
                freeBusy.Add(ParseFreeBusyLine(line));
            }
        }

        if (!sawCalendar)
        {
            throw new CalendarFormatException(CalendarFormatError.NotICalendar);
        }

        return freeBusy;
    }

    private static FreeBusyLine ParseFreeBusyLine(string line)
    {
        // Parameters may be quoted and so may hold ':'; the value starts at the first ':' outside quotes.
        var quoted = false;
        var colon = -1;
        for (var i = 8; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ':' && !quoted)
            {
                colon = i;
                break;
            }
        }

        if (colon < 0)
        {
            throw new CalendarFormatException(CalendarFormatError.Malformed, "FreeBusy");
        }

        string? type = null;
        foreach (var parameter in line[8..colon].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(parameter[..equals].Trim(), "FBTYPE", StringComparison.OrdinalIgnoreCase))
            {
                type = parameter[(equals + 1)..].Trim().Trim('"');
            }
        }

        return new FreeBusyLine(type, line[(colon + 1)..]);
    }

    /// <summary>
    /// Ical.Net throws for a TZID its zone databases do not know. Outlook and Exchange write their own
    /// names with a VTIMEZONE beside them; in a Danish platform's feeds those are Danish time. The resolver
    /// is process-wide in Ical.Net, so this wraps the default once and only adds the fallback.
    /// </summary>
    private static void InstallFallbackTimeZoneResolver()
    {
        lock (ResolverLock)
        {
            if (_resolverInstalled)
            {
                return;
            }

            var inner = TimeZoneResolvers.TimeZoneResolver ?? TimeZoneResolvers.Default;
            var fallback = NodaTime.DateTimeZoneProviders.Tzdb[CalendarWriter.TimeZoneId];
            TimeZoneResolvers.TimeZoneResolver = id =>
            {
                try
                {
                    return inner(id) ?? fallback;
                }
                catch (ArgumentException)
                {
                    return fallback;
                }
            };
            _resolverInstalled = true;
        }
    }
}
