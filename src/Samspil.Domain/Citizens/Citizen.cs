using System.Text.RegularExpressions;
using Samspil.Domain.Common;
using Samspil.Domain.MasterData;

namespace Samspil.Domain.Citizens;

/// <summary>The citizen (FHIR Patient) around whom a course and a network are built.</summary>
public sealed partial class Citizen : ICitizenRecord
{
    private Citizen()
    {
        GivenName = string.Empty;
        FamilyName = string.Empty;
        Cpr = null!;
        PreferredLanguage = "da";
    }

    public Guid Id { get; private set; }

    public string GivenName { get; private set; }

    public string FamilyName { get; private set; }

    /// <summary>The stored name; for a copy without identity (see <see cref="WithoutIdentity"/>) the CPR number the reader already holds.</summary>
    public string FullName => IdentityWithheld ? Cpr.Formatted : $"{GivenName} {FamilyName}";

    /// <summary>
    /// True for a detached copy made by <see cref="WithoutIdentity"/> for a reader who may read a course
    /// of the citizen but not the citizen's own record (ADR 0013). Never stored.
    /// </summary>
    public bool IdentityWithheld { get; private set; }

    public CprNumber Cpr { get; private set; }

    /// <summary>ISO 639-1 code of the language the citizen prefers to read and speak.</summary>
    public string PreferredLanguage { get; private set; }

    public bool InterpreterNeeded { get; private set; }

    /// <summary>ISO 639-1 code of the interpreter's language, required when an interpreter is needed.</summary>
    public string? InterpreterLanguage { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public string? Address { get; private set; }

    /// <summary>Synthetic demo data; the UI marks it as such.</summary>
    public bool IsDemo { get; private set; }

    /// <summary>The organisation whose professional recorded the citizen ("own records").</summary>
    public Guid? RecordedByOrganizationId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Counts corrections of the record; the ETag of the citizen's master data (ADR 0014).</summary>
    public int Version { get; private set; }

    public static Citizen Register(CitizenDetails details, Guid? recordedByOrganizationId, DateTimeOffset now, bool isDemo = false)
    {
        var citizen = new Citizen
        {
            Id = Guid.CreateVersion7(now),
            Cpr = details.Cpr,
            RecordedByOrganizationId = recordedByOrganizationId,
            CreatedAt = now,
            IsDemo = isDemo,
        };
        citizen.Update(details);
        return citizen;
    }

    /// <summary>
    /// A detached, read-only copy that keeps only what a course's reader already holds: the id and the CPR
    /// number (given when the course was registered). Name, language, interpreter needs and contact
    /// details were recorded by whoever registered the citizen and stay out (ADR 0013).
    /// </summary>
    public Citizen WithoutIdentity() => new()
    {
        Id = Id,
        Cpr = Cpr,
        GivenName = string.Empty,
        FamilyName = string.Empty,
        PreferredLanguage = string.Empty,
        IsDemo = IsDemo,
        RecordedByOrganizationId = RecordedByOrganizationId,
        CreatedAt = CreatedAt,
        IdentityWithheld = true,
    };

    /// <summary>
    /// Corrects the record (ADR 0014): validates everything first, so a refused correction changes
    /// nothing, and returns the fields that changed. The version moves only when something changed.
    /// </summary>
    public IReadOnlyList<FieldChange> Correct(CitizenDetails details)
    {
        if (IdentityWithheld)
        {
            throw new InvalidOperationException("A copy without identity is never changed or stored.");
        }

        var before = Snapshot();
        var probe = new Citizen { Cpr = Cpr };
        probe.Update(details);
        var changes = MasterDataChange.Between(before, probe.Snapshot());
        if (changes.Count > 0)
        {
            Update(details);
            Version++;
        }

        return changes;
    }

    /// <summary>The correctable fields as text, in a fixed order, for the change history.</summary>
    public IReadOnlyList<(string Field, string? Value)> Snapshot() =>
    [
        ("givenName", GivenName),
        ("familyName", FamilyName),
        ("preferredLanguage", PreferredLanguage),
        ("interpreterNeeded", InterpreterNeeded ? "true" : "false"),
        ("interpreterLanguage", InterpreterLanguage),
        ("phone", Phone),
        ("email", Email),
        ("address", Address),
    ];

    public void Update(CitizenDetails details)
    {
        GivenName = Guard.RequiredText(details.GivenName, 100, "Citizen.GivenName", "givenName");
        FamilyName = Guard.RequiredText(details.FamilyName, 100, "Citizen.FamilyName", "familyName");
        PreferredLanguage = LanguageCode(details.PreferredLanguage, "preferredLanguage") ?? "da";
        InterpreterNeeded = details.InterpreterNeeded;
        InterpreterLanguage = LanguageCode(details.InterpreterLanguage, "interpreterLanguage");
        if (InterpreterNeeded && InterpreterLanguage is null)
        {
            throw new DomainException("Citizen.InterpreterLanguage.Required", "interpreterLanguage");
        }

        if (!InterpreterNeeded)
        {
            InterpreterLanguage = null;
        }

        Phone = Guard.OptionalText(details.Phone, 30, "Citizen.Phone", "phone");
        if (Phone is not null && !PhonePattern().IsMatch(Phone))
        {
            throw new DomainException("Citizen.Phone.Format", "phone");
        }

        Email = Guard.OptionalText(details.Email, 200, "Citizen.Email", "email");
        if (Email is not null && !EmailPattern().IsMatch(Email))
        {
            throw new DomainException("Citizen.Email.Format", "email");
        }

        Address = Guard.OptionalText(details.Address, 300, "Citizen.Address", "address");
    }

    private static string? LanguageCode(string? value, string field)
    {
        var code = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        return LanguagePattern().IsMatch(code) ? code : throw new DomainException("Citizen.Language.Format", field);
    }

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(@"^\+?[0-9 ]{8,20}$")]
    internal static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    internal static partial Regex EmailPattern();
}

public sealed record CitizenDetails(
    string? GivenName,
    string? FamilyName,
    CprNumber Cpr,
    string? PreferredLanguage,
    bool InterpreterNeeded,
    string? InterpreterLanguage,
    string? Phone,
    string? Email,
    string? Address);
