using Samspil.Domain.Common;
using Samspil.Domain.Directory;

namespace Samspil.Domain.Frames;

/// <summary>
/// The frame one kind of organisation works in (R6): the laws, its statutory deadlines and its methods, as data,
/// so that the others in a network can see why a job centre asks for a follow-up conversation in week 8.
/// The deadlines are structured (kind, amount, unit, what they run from) because reminder rules are built on them later.
/// </summary>
public sealed class ActorFrame
{
    public const int MaxItems = 30;

    /// <summary>A reminder at most a year before the due date.</summary>
    public const int MaxRemindDaysBefore = 365;

    private ActorFrame()
    {
    }

    public OrganizationKind Kind { get; private set; }

    public List<FrameLaw> Laws { get; private set; } = [];

    public List<FrameDeadline> Deadlines { get; private set; } = [];

    public List<FrameMethod> Methods { get; private set; } = [];

    public int Version { get; private set; } = 1;

    public static ActorFrame Create(OrganizationKind kind, FrameContent content)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Frame.Kind.Invalid", "kind");
        }

        var frame = new ActorFrame { Kind = kind };
        frame.Update(content);
        frame.Version = 1;
        return frame;
    }

    public bool IsEmpty => Laws.Count == 0 && Deadlines.Count == 0 && Methods.Count == 0;

    public void Update(FrameContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var laws = Items(content.Laws, "laws", (law, field) => new FrameLaw(
            Guard.RequiredText(law.Name, 200, "Frame.Law.Name", field + ".name"),
            Guard.RequiredText(law.Reference, 200, "Frame.Law.Reference", field + ".reference"),
            CheckedUrl(law.Url, field + ".url")));
        var deadlines = Items(content.Deadlines, "deadlines", CheckedDeadline);
        var methods = Items(content.Methods, "methods", (method, field) => new FrameMethod(
            Guard.RequiredText(method.Name, 200, "Frame.Method.Name", field + ".name"),
            Guard.OptionalText(method.Description, 1000, "Frame.Method.Description", field + ".description")));
        Laws = laws;
        Deadlines = deadlines;
        Methods = methods;
        Version++;
    }

    private static FrameDeadline CheckedDeadline(FrameDeadline deadline, string field)
    {
        if (!Enum.IsDefined(deadline.Type))
        {
            throw new DomainException("Frame.Deadline.Type", field + ".type");
        }

        int? amount = null;
        DeadlineUnit? unit = null;
        DeadlineStartEvent? startEvent = null;
        int? remindDaysBefore = null;
        OrganizationKind? remindKind = null;
        if (deadline.Type != DeadlineType.Ongoing)
        {
            if (deadline.Amount is not (>= 1 and <= 3650))
            {
                throw new DomainException("Frame.Deadline.Amount", field + ".amount");
            }

            if (deadline.Unit is not { } u || !Enum.IsDefined(u))
            {
                throw new DomainException("Frame.Deadline.Unit", field + ".unit");
            }

            amount = deadline.Amount;
            unit = u;

            // The reminder rule (issue 17 point 8): what the deadline runs from on a course, how many days before its due
            // date, and whose members are told. An ongoing duty has no due date and so no rule.
            if (deadline.StartEvent is { } e && !Enum.IsDefined(e))
            {
                throw new DomainException("Frame.Deadline.StartEvent", field + ".startEvent");
            }

            if (deadline.RemindDaysBefore is < 0 or > MaxRemindDaysBefore)
            {
                throw new DomainException("Frame.Deadline.RemindDaysBefore", field + ".remindDaysBefore");
            }

            if (deadline.RemindKind is { } k && !Enum.IsDefined(k))
            {
                throw new DomainException("Frame.Deadline.RemindKind", field + ".remindKind");
            }

            startEvent = deadline.StartEvent;
            remindDaysBefore = deadline.RemindDaysBefore;
            remindKind = deadline.RemindKind;
        }

        return new FrameDeadline(
            Guard.RequiredText(deadline.Name, 200, "Frame.Deadline.Name", field + ".name"),
            Guard.OptionalText(deadline.Description, 1000, "Frame.Deadline.Description", field + ".description"),
            deadline.Type,
            amount,
            unit,
            Guard.OptionalText(deadline.RunsFrom, 200, "Frame.Deadline.RunsFrom", field + ".runsFrom"),
            Guard.RequiredText(deadline.LegalReference, 200, "Frame.Deadline.LegalReference", field + ".legalReference"),
            startEvent,
            remindDaysBefore,
            remindKind);
    }

    private static string? CheckedUrl(string? url, string field)
    {
        var trimmed = Guard.OptionalText(url, 500, "Frame.Law.Url", field);
        if (trimmed is null)
        {
            return null;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? trimmed
            : throw new DomainException("Frame.Law.Url.Format", field);
    }

    private static List<TOut> Items<TIn, TOut>(IReadOnlyList<TIn?>? items, string name, Func<TIn, string, TOut> check)
        where TIn : class
    {
        var given = items ?? [];
        if (given.Count > MaxItems)
        {
            throw new DomainException("Frame.Items.TooMany", name);
        }

        var result = new List<TOut>(given.Count);
        for (var i = 0; i < given.Count; i++)
        {
            var field = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}[{i}]");
            result.Add(given[i] is { } item ? check(item, field) : throw new DomainException("Frame.Item.Required", field));
        }

        return result;
    }
}

public sealed record FrameLaw(string? Name, string? Reference, string? Url = null);

/// <summary>A method the organisation works with, e.g. IPS or "Den Motiverende Samtale".</summary>
public sealed record FrameMethod(string? Name, string? Description = null);

/// <summary>
/// A statutory deadline. <see cref="DeadlineType.Within"/>: once, within <see cref="Amount"/> <see cref="Unit"/> of
/// <see cref="RunsFrom"/> (e.g. the first follow-up conversation within 8 weeks of the first day of absence);
/// <see cref="DeadlineType.Every"/>: recurring at that interval; <see cref="DeadlineType.Ongoing"/>: no fixed interval.
/// The last three make it a reminder rule on a course (docs/deadlines.md): <see cref="StartEvent"/> says which date on the
/// course it runs from (null: a date a professional enters), <see cref="RemindDaysBefore"/> how many days before the due
/// date the members are reminded (null: no reminder), <see cref="RemindKind"/> whose members (null: the frame's own kind).
/// </summary>
public sealed record FrameDeadline(
    string? Name,
    string? Description,
    DeadlineType Type,
    int? Amount,
    DeadlineUnit? Unit,
    string? RunsFrom,
    string? LegalReference,
    DeadlineStartEvent? StartEvent = null,
    int? RemindDaysBefore = null,
    OrganizationKind? RemindKind = null)
{
    /// <summary>The interval in days (weeks × 7), or null for an ongoing duty.</summary>
    public int? Days => Amount is { } a && Unit is { } u ? u switch { DeadlineUnit.Weeks => a * 7, DeadlineUnit.Months => a * 30, _ => a } : null;
}

public enum DeadlineType
{
    Within = 0,
    Every = 1,
    Ongoing = 2,
}

/// <summary>
/// The date on a course a deadline runs from. <see cref="Entered"/>: a date a professional records (the first day of
/// absence, the date of a driving ban, a referral received); the others are read from the course when the deadline is started.
/// </summary>
public enum DeadlineStartEvent
{
    /// <summary>En dato, som en fagperson indtaster (fx første fraværsdag, datoen for kørselsforbuddet).</summary>
    Entered = 0,

    /// <summary>Forløbets start.</summary>
    CourseStart = 1,

    /// <summary>Behandlingens start i regionen.</summary>
    TreatmentStart = 2,

    /// <summary>Den seneste afklaring af forsørgelsesgrundlaget (fx sygedagpenge fra en given dato).</summary>
    IncomeBasisClarified = 3,
}

public enum DeadlineUnit
{
    Days = 0,
    Weeks = 1,
    Months = 2,
}

public sealed record FrameContent(IReadOnlyList<FrameLaw?>? Laws, IReadOnlyList<FrameDeadline?>? Deadlines, IReadOnlyList<FrameMethod?>? Methods);
