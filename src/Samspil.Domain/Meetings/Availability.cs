using Samspil.Domain.Common;

namespace Samspil.Domain.Meetings;

/// <summary>
/// A professional's availability for meetings (R24): working days and hours, a weekly slot kept free
/// for network meetings (R23), the languages they interpret (for interpreters), and their calendar as
/// an iCalendar feed address or an uploaded .ics file, from which busy times are read.
/// </summary>
public sealed class ProfessionalAvailability
{
    public const int MaxIcsLength = 2 * 1024 * 1024;

    private ProfessionalAvailability()
    {
        WorkDays = "12345";
    }

    public Guid ProfessionalId { get; private set; }

    /// <summary>ISO weekday digits, Monday = 1 … Sunday = 7, e.g. "12345".</summary>
    public string WorkDays { get; private set; }

    public TimeOnly WorkStart { get; private set; } = new(8, 0);

    public TimeOnly WorkEnd { get; private set; } = new(16, 0);

    public DayOfWeek? NetworkSlotDay { get; private set; }

    public TimeOnly? NetworkSlotStart { get; private set; }

    public TimeOnly? NetworkSlotEnd { get; private set; }

    /// <summary>Languages this person interprets (ISO codes, comma-separated); empty for non-interpreters.</summary>
    public string? InterpreterLanguages { get; private set; }

    public string? CalendarFeedUrl { get; private set; }

    public string? CalendarIcs { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IEnumerable<DayOfWeek> Days => WorkDays.Select(c => (DayOfWeek)((c - '0') % 7));

    public bool Interprets(string language) =>
        InterpreterLanguages?.Split(',', StringSplitOptions.TrimEntries).Contains(language, StringComparer.OrdinalIgnoreCase) == true;

    public static ProfessionalAvailability Default(Guid professionalId) => new() { ProfessionalId = professionalId };

    public void Set(AvailabilitySpec spec, DateTimeOffset now)
    {
        var days = new string((spec.WorkDays ?? string.Empty).Where(char.IsAsciiDigit).Distinct().Order().ToArray());
        if (days.Length == 0 || days.Any(d => d is < '1' or > '7'))
        {
            throw new DomainException("Availability.WorkDays.Invalid", "workDays");
        }

        var start = spec.WorkStart ?? throw new DomainException("Availability.WorkHours.Invalid", "workStart");
        var end = spec.WorkEnd ?? throw new DomainException("Availability.WorkHours.Invalid", "workEnd");
        if (end <= start)
        {
            throw new DomainException("Availability.WorkHours.Invalid", "workEnd");
        }

        if (spec.NetworkSlotDay is not null != (spec.NetworkSlotStart is not null && spec.NetworkSlotEnd is not null)
            || (spec.NetworkSlotStart is { } slotStart && spec.NetworkSlotEnd is { } slotEnd && slotEnd <= slotStart)
            || (spec.NetworkSlotDay is { } day && !Enum.IsDefined(day)))
        {
            throw new DomainException("Availability.NetworkSlot.Invalid", "networkSlotDay");
        }

        var languages = Guard.OptionalText(spec.InterpreterLanguages, 200, "Availability.Languages", "interpreterLanguages")?.ToLowerInvariant();
        if (languages is not null && languages.Split(',', StringSplitOptions.TrimEntries).Any(l => l.Length is < 2 or > 3 || !l.All(char.IsAsciiLetterLower)))
        {
            throw new DomainException("Availability.Languages.Invalid", "interpreterLanguages");
        }

        var url = Guard.OptionalText(spec.CalendarFeedUrl, 1000, "Availability.FeedUrl", "calendarFeedUrl");
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new DomainException("Availability.FeedUrl.Invalid", "calendarFeedUrl");
        }

        if (spec.CalendarIcs is { Length: > MaxIcsLength })
        {
            throw new DomainException("Availability.Ics.TooLarge", "calendarIcs");
        }

        WorkDays = days;
        WorkStart = start;
        WorkEnd = end;
        NetworkSlotDay = spec.NetworkSlotDay;
        NetworkSlotStart = spec.NetworkSlotStart;
        NetworkSlotEnd = spec.NetworkSlotEnd;
        InterpreterLanguages = languages;
        CalendarFeedUrl = url;
        if (spec.KeepIcs is false)
        {
            CalendarIcs = string.IsNullOrWhiteSpace(spec.CalendarIcs) ? null : spec.CalendarIcs;
        }

        UpdatedAt = now;
    }
}

/// <param name="KeepIcs">True keeps an uploaded calendar file when none is sent with this change.</param>
public sealed record AvailabilitySpec(
    string? WorkDays,
    TimeOnly? WorkStart,
    TimeOnly? WorkEnd,
    DayOfWeek? NetworkSlotDay,
    TimeOnly? NetworkSlotStart,
    TimeOnly? NetworkSlotEnd,
    string? InterpreterLanguages,
    string? CalendarFeedUrl,
    string? CalendarIcs,
    bool KeepIcs);

/// <summary>
/// The citizen's wishes for meetings in one course (R9, R24): when in the day meetings may be (hard)
/// and are best (soft), how many people at most in the room, and places they will not go.
/// </summary>
public sealed class MeetingPreferences : ICitizenRecord
{
    private MeetingPreferences()
    {
    }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public TimeOnly? AllowedFrom { get; private set; }

    public TimeOnly? AllowedTo { get; private set; }

    public TimeOnly? PreferredFrom { get; private set; }

    public TimeOnly? PreferredTo { get; private set; }

    public int? MaxPeople { get; private set; }

    /// <summary>Places the citizen will not go to, one per line (e.g. a hospital ward, a police station).</summary>
    public string? AvoidPlaces { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IEnumerable<string> PlacesToAvoid =>
        (AvoidPlaces ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static MeetingPreferences For(Guid courseId, Guid citizenId) => new() { CourseId = courseId, CitizenId = citizenId };

    public void Set(TimeOnly? allowedFrom, TimeOnly? allowedTo, TimeOnly? preferredFrom, TimeOnly? preferredTo, int? maxPeople, string? avoidPlaces, DateTimeOffset now)
    {
        if (allowedFrom is not null != allowedTo is not null || allowedTo <= allowedFrom)
        {
            throw new DomainException("Preferences.Allowed.Invalid", "allowedTo");
        }

        if (preferredFrom is not null != preferredTo is not null || preferredTo <= preferredFrom)
        {
            throw new DomainException("Preferences.Preferred.Invalid", "preferredTo");
        }

        if (maxPeople is < 2 or > 40)
        {
            throw new DomainException("Preferences.MaxPeople.Invalid", "maxPeople");
        }

        AllowedFrom = allowedFrom;
        AllowedTo = allowedTo;
        PreferredFrom = preferredFrom;
        PreferredTo = preferredTo;
        MaxPeople = maxPeople;
        AvoidPlaces = Guard.OptionalText(avoidPlaces, 1000, "Preferences.AvoidPlaces", "avoidPlaces");
        UpdatedAt = now;
    }
}
