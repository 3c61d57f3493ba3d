using System.Text.Json;
using System.Text.Json.Serialization;
using Samspil.Domain.Common;

namespace Samspil.Domain.CrisisPlans;

/// <summary>
/// "Min plan for svære tider" (the crisis plan) of one course, written with the citizen (issue 18; seed 004
/// §1.3.3, §4.2.1: discharge on a Friday night with nowhere to turn). Its content is one
/// <see cref="CrisisPlanContent"/>, replaced as a whole on every save; every save is a new
/// <see cref="Version"/> (the optimistic-concurrency token, ETag) and a <see cref="CrisisPlanVersion"/> row,
/// so who changed what and when can always be told.
/// </summary>
public sealed class CrisisPlan : ICitizenRecord
{
    private CrisisPlan()
    {
        Content = CrisisPlanContent.Empty;
        UpdatedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid CitizenId { get; private set; }

    public int Version { get; private set; }

    public CrisisPlanContent Content { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid UpdatedByUserId { get; private set; }

    public string UpdatedByName { get; private set; }

    /// <summary>Who wrote the last version: the citizen, their proxy or a professional.</summary>
    public CrisisPlanAuthor UpdatedByKind { get; private set; }

    public static CrisisPlan Create(Guid courseId, Guid citizenId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), CourseId = courseId, CitizenId = citizenId, CreatedAt = now, UpdatedAt = now };

    /// <summary>Refuses a change made against another version than the stored one (null: "whatever is current").</summary>
    public void EnsureVersion(int? expected)
    {
        if (expected is { } version && version != Version)
        {
            throw new CrisisPlanVersionConflictException(version, Version);
        }
    }

    /// <summary>Replaces the content (already normalised by <see cref="CrisisPlanContent.Normalise"/>) as a new version.</summary>
    public CrisisPlanVersion Save(CrisisPlanContent content, Actor by, CrisisPlanAuthor kind, DateTimeOffset now)
    {
        Content = content;
        Version++;
        UpdatedAt = now;
        UpdatedByUserId = by.UserId;
        UpdatedByName = by.DisplayName;
        UpdatedByKind = kind;
        return new CrisisPlanVersion(Guid.CreateVersion7(now), Id, CitizenId, Version, now, by.UserId, by.DisplayName, kind, content.ToJson());
    }
}

/// <summary>One saved version of a crisis plan, with the whole content as it then stood (JSON).</summary>
public sealed class CrisisPlanVersion : ICitizenRecord
{
    private CrisisPlanVersion()
    {
        ByName = string.Empty;
        Snapshot = string.Empty;
    }

    internal CrisisPlanVersion(Guid id, Guid planId, Guid citizenId, int version, DateTimeOffset at, Guid byUserId, string byName, CrisisPlanAuthor byKind, string snapshot)
    {
        Id = id;
        PlanId = planId;
        CitizenId = citizenId;
        Version = version;
        At = at;
        ByUserId = byUserId;
        ByName = byName;
        ByKind = byKind;
        Snapshot = snapshot;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid CitizenId { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid ByUserId { get; private set; }

    public string ByName { get; private set; }

    public CrisisPlanAuthor ByKind { get; private set; }

    public string Snapshot { get; private set; }
}

public enum CrisisPlanAuthor
{
    Citizen = 0,
    Proxy = 1,
    Professional = 2,
}

/// <summary>Who a contact in the plan is: someone in the course's network, an offering (tilbud), or a name and number written down.</summary>
public enum CrisisContactKind
{
    NetworkMember = 0,
    Offering = 1,
    Person = 2,
}

/// <summary>
/// Whom to call. A network member or offering is stored by id and shown with its current name, phone and (for an
/// offering) live opening state; a person is stored as written. <see cref="Note"/> says when or why ("only weekdays").
/// </summary>
public sealed record CrisisContact(CrisisContactKind Kind, Guid? MemberId, Guid? OfferingId, string? Name, string? Phone, string? Note);

/// <summary>Someone the citizen wants told when they are in crisis, and how ("ring to my sister, not a text").</summary>
public sealed record PersonToTell(string Name, string? Phone, string? How);

/// <summary>A contact as typed or sent, before <see cref="CrisisPlanContent.Normalise"/>.</summary>
public sealed record CrisisContactDraft(CrisisContactKind? Kind, Guid? MemberId, Guid? OfferingId, string? Name, string? Phone, string? Note);

public sealed record PersonToTellDraft(string? Name, string? Phone, string? How);

/// <summary>The plan as typed or sent: every list may be missing or hold blanks.</summary>
public sealed record CrisisPlanDraft(
    IReadOnlyList<string?>? EarlySigns,
    IReadOnlyList<string?>? WhatHelps,
    IReadOnlyList<string?>? WhatIDo,
    IReadOnlyList<CrisisContactDraft?>? DayContacts,
    IReadOnlyList<CrisisContactDraft?>? NightContacts,
    IReadOnlyList<string?>? DoNotWant,
    IReadOnlyList<PersonToTellDraft?>? PeopleToTell);

/// <summary>The content of a crisis plan, in the order the page shows it.</summary>
public sealed record CrisisPlanContent(
    IReadOnlyList<string> EarlySigns,
    IReadOnlyList<string> WhatHelps,
    IReadOnlyList<string> WhatIDo,
    IReadOnlyList<CrisisContact> DayContacts,
    IReadOnlyList<CrisisContact> NightContacts,
    IReadOnlyList<string> DoNotWant,
    IReadOnlyList<PersonToTell> PeopleToTell)
{
    /// <summary>Items per list of sentences (early signs, what helps, …).</summary>
    public const int MaxItems = 20;

    /// <summary>Characters per sentence or note.</summary>
    public const int MaxItemLength = 500;

    /// <summary>Contacts per list (day, night) and people to tell.</summary>
    public const int MaxContacts = 10;

    public const int MaxNameLength = 200;

    public const int MaxPhoneLength = 30;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static CrisisPlanContent Empty { get; } = new([], [], [], [], [], [], []);

    public bool IsEmpty => EarlySigns.Count + WhatHelps.Count + WhatIDo.Count + DayContacts.Count + NightContacts.Count + DoNotWant.Count + PeopleToTell.Count == 0;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CrisisPlanContent FromJson(string json) =>
        string.IsNullOrWhiteSpace(json) ? Empty : JsonSerializer.Deserialize<CrisisPlanContent>(json, Json) ?? Empty;

    /// <summary>
    /// Checks and tidies a draft: blank lines and blank rows dropped, text trimmed, limits and control characters
    /// refused (<see cref="DomainException"/> naming the field, e.g. "nightContacts[1].phone"); a network member
    /// must be on the course's network (<paramref name="members"/>) and an offering must exist and be active
    /// (<paramref name="offerings"/>).
    /// </summary>
    public static CrisisPlanContent Normalise(CrisisPlanDraft draft, IReadOnlySet<Guid> members, IReadOnlySet<Guid> offerings)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(offerings);
        return new CrisisPlanContent(
            Sentences(draft.EarlySigns, "earlySigns"),
            Sentences(draft.WhatHelps, "whatHelps"),
            Sentences(draft.WhatIDo, "whatIDo"),
            Contacts(draft.DayContacts, "dayContacts", members, offerings),
            Contacts(draft.NightContacts, "nightContacts", members, offerings),
            Sentences(draft.DoNotWant, "doNotWant"),
            People(draft.PeopleToTell));
    }

    private static List<string> Sentences(IReadOnlyList<string?>? lines, string field)
    {
        var result = new List<string>();
        foreach (var line in lines ?? [])
        {
            if (Guard.OptionalText(line, MaxItemLength, "CrisisPlan.Item", field) is { } text)
            {
                result.Add(text);
            }
        }

        return result.Count > MaxItems ? throw new DomainException("CrisisPlan.Items.TooMany", field) : result;
    }

    private static List<CrisisContact> Contacts(IReadOnlyList<CrisisContactDraft?>? drafts, string field, IReadOnlySet<Guid> members, IReadOnlySet<Guid> offerings)
    {
        var result = new List<CrisisContact>();
        var list = drafts ?? [];
        if (list.Count > MaxContacts * 3)
        {
            throw new DomainException("CrisisPlan.Contacts.TooMany", field);
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { } d)
            {
                continue;
            }

            var at = $"{field}[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            var note = Guard.OptionalText(d.Note, MaxItemLength, "CrisisPlan.Item", at + ".note");
            var name = Guard.OptionalText(d.Name, MaxNameLength, "CrisisPlan.Name", at + ".name");
            var phone = Phone(d.Phone, at + ".phone");
            switch (d.Kind)
            {
                case CrisisContactKind.NetworkMember:
                    var member = d.MemberId is { } m && members.Contains(m) ? m : throw new DomainException("CrisisPlan.Contact.UnknownMember", at + ".memberId");
                    result.Add(new CrisisContact(CrisisContactKind.NetworkMember, member, null, null, null, note));
                    break;
                case CrisisContactKind.Offering:
                    var offering = d.OfferingId is { } o && offerings.Contains(o) ? o : throw new DomainException("CrisisPlan.Contact.UnknownOffering", at + ".offeringId");
                    result.Add(new CrisisContact(CrisisContactKind.Offering, null, offering, null, null, note));
                    break;
                case CrisisContactKind.Person:
                case null:
                    if (name is null && phone is null && note is null)
                    {
                        continue; // an empty row of the form
                    }

                    result.Add(new CrisisContact(CrisisContactKind.Person, null, null, name ?? throw new DomainException("CrisisPlan.Name.Required", at + ".name"), phone ?? throw new DomainException("CrisisPlan.Phone.Required", at + ".phone"), note));
                    break;
                default:
                    throw new DomainException("CrisisPlan.Contact.KindInvalid", at + ".kind");
            }
        }

        return result.Count > MaxContacts ? throw new DomainException("CrisisPlan.Contacts.TooMany", field) : result;
    }

    private static List<PersonToTell> People(IReadOnlyList<PersonToTellDraft?>? drafts)
    {
        var result = new List<PersonToTell>();
        var list = drafts ?? [];
        if (list.Count > MaxContacts * 3)
        {
            throw new DomainException("CrisisPlan.Contacts.TooMany", "peopleToTell");
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { } d)
            {
                continue;
            }

            var at = $"peopleToTell[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            var name = Guard.OptionalText(d.Name, MaxNameLength, "CrisisPlan.Name", at + ".name");
            var phone = Phone(d.Phone, at + ".phone");
            var how = Guard.OptionalText(d.How, MaxItemLength, "CrisisPlan.Item", at + ".how");
            if (name is null && phone is null && how is null)
            {
                continue;
            }

            result.Add(new PersonToTell(name ?? throw new DomainException("CrisisPlan.Name.Required", at + ".name"), phone, how));
        }

        return result.Count > MaxContacts ? throw new DomainException("CrisisPlan.Contacts.TooMany", "peopleToTell") : result;
    }

    /// <summary>A phone number as people write it: digits with spaces, +, -, ( ) or dots, and at least one digit.</summary>
    private static string? Phone(string? value, string field)
    {
        var phone = Guard.OptionalText(value, MaxPhoneLength, "CrisisPlan.Phone", field);
        return phone is null || (phone.Any(char.IsAsciiDigit) && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'))
            ? phone
            : throw new DomainException("CrisisPlan.Phone.Invalid", field);
    }
}

/// <summary>A save was made against another version than the stored one.</summary>
public sealed class CrisisPlanVersionConflictException(int expected, int current)
    : Exception($"The crisis plan is at version {current}, the change was made against {expected}.")
{
    public int Expected { get; } = expected;

    public int Current { get; } = current;
}
