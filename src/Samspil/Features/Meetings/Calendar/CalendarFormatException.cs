namespace Samspil.Features.Meetings.Calendar;

/// <summary>Why a calendar feed or .ics file was refused.</summary>
public enum CalendarFormatError
{
    /// <summary>Larger than the size limit.</summary>
    TooLarge,

    /// <summary>Not iCalendar text at all (no VCALENDAR).</summary>
    NotICalendar,

    /// <summary>iCalendar that could not be parsed or evaluated (broken lines, dates, rules or periods).</summary>
    Malformed,

    /// <summary>Components nested deeper than any real calendar does.</summary>
    NestedTooDeeply,

    /// <summary>More occurrences or busy periods in the window than the limit.</summary>
    TooManyOccurrences,

    /// <summary>Recurrence rules that would take too much work to expand (e.g. every minute since 1970).</summary>
    RecurrenceTooExpensive,
}

/// <summary>
/// A calendar feed or .ics file that Samspil will not read. The message names only the reason and never
/// repeats any of the input, so it is safe to log and to show; the parser's own exception is deliberately
/// not kept as inner exception because its message may quote the input.
/// </summary>
public sealed class CalendarFormatException : Exception
{
    public CalendarFormatException()
        : this(CalendarFormatError.Malformed)
    {
    }

    public CalendarFormatException(string message)
        : base(message)
    {
    }

    public CalendarFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CalendarFormatException(CalendarFormatError error, string? causeType = null)
        : base(MessageFor(error))
    {
        Error = error;
        CauseType = causeType;
    }

    public CalendarFormatError Error { get; } = CalendarFormatError.Malformed;

    /// <summary>The type name of the parser exception behind <see cref="CalendarFormatError.Malformed"/>, for diagnostics.</summary>
    public string? CauseType { get; }

    private static string MessageFor(CalendarFormatError error) => error switch
    {
        CalendarFormatError.TooLarge => "The calendar is larger than the size limit.",
        CalendarFormatError.NotICalendar => "The file is not an iCalendar (.ics) calendar.",
        CalendarFormatError.NestedTooDeeply => "The calendar's components are nested too deeply.",
        CalendarFormatError.TooManyOccurrences => "The calendar has more busy times in the period than the limit.",
        CalendarFormatError.RecurrenceTooExpensive => "The calendar's recurrence rules are too expensive to expand.",
        _ => "The calendar could not be read: it is not valid iCalendar.",
    };
}
