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
        }

        return new FrameDeadline(
            Guard.RequiredText(deadline.Name, 200, "Frame.Deadline.Name", field + ".name"),
            Guard.OptionalText(deadline.Description, 1000, "Frame.Deadline.Description", field + ".description"),
            deadline.Type,
            amount,
            unit,
            Guard.OptionalText(deadline.RunsFrom, 200, "Frame.Deadline.RunsFrom", field + ".runsFrom"),
            Guard.RequiredText(deadline.LegalReference, 200, "Frame.Deadline.LegalReference", field + ".legalReference"));
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
/// </summary>
public sealed record FrameDeadline(string? Name, string? Description, DeadlineType Type, int? Amount, DeadlineUnit? Unit, string? RunsFrom, string? LegalReference)
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

public enum DeadlineUnit
{
    Days = 0,
    Weeks = 1,
    Months = 2,
}

public sealed record FrameContent(IReadOnlyList<FrameLaw?>? Laws, IReadOnlyList<FrameDeadline?>? Deadlines, IReadOnlyList<FrameMethod?>? Methods);
