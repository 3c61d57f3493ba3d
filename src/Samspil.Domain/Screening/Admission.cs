namespace Samspil.Domain.Screening;

/// <summary>Where a stored admission came from.</summary>
public enum AdmissionSource
{
    /// <summary>A row of an admissions file uploaded by an administrator.</summary>
    CsvImport,

    /// <summary>A hospital notification of an admission and discharge (the notifications feature).</summary>
    HospitalNotification,
}

/// <summary>
/// A stored hospital stay for readmission screening. Pseudonymous: the person is a key (an HMAC of
/// the CPR number made by the region), never a CPR number or a name, so the table holds nothing that
/// names a citizen. One stay is identified by (person key, start, department): delivering the same
/// stay again updates it instead of adding a second one.
/// </summary>
public sealed class Admission
{
    private Admission()
    {
        PersonKey = string.Empty;
        MunicipalityCode = string.Empty;
        RegionCode = string.Empty;
        Department = string.Empty;
    }

    public long Id { get; private set; }

    public string PersonKey { get; private set; }

    public string MunicipalityCode { get; private set; }

    public string RegionCode { get; private set; }

    /// <summary>Admission start, UTC.</summary>
    public DateTimeOffset Start { get; private set; }

    /// <summary>Discharge, UTC; never before <see cref="Start"/>.</summary>
    public DateTimeOffset End { get; private set; }

    public bool Acute { get; private set; }

    public string Department { get; private set; }

    public AdmissionSource Source { get; private set; }

    /// <summary>The import that last delivered the stay (null for hospital notifications).</summary>
    public Guid? ImportId { get; private set; }

    /// <summary>When the stay was first stored.</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>When a later delivery last changed it.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    public static Admission From(AdmissionEvent admission, AdmissionSource source, Guid? importId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(admission);
        return new Admission
        {
            PersonKey = admission.PersonKey,
            MunicipalityCode = admission.MunicipalityCode,
            RegionCode = admission.RegionCode,
            Start = admission.Start,
            End = admission.End,
            Acute = admission.Acute,
            Department = admission.Department,
            Source = source,
            ImportId = importId,
            RecordedAt = now,
        };
    }

    /// <summary>Whether a new delivery of the same stay says something different.</summary>
    public bool DiffersFrom(AdmissionEvent admission) =>
        End != admission.End || Acute != admission.Acute
        || !string.Equals(MunicipalityCode, admission.MunicipalityCode, StringComparison.Ordinal)
        || !string.Equals(RegionCode, admission.RegionCode, StringComparison.Ordinal);

    /// <summary>A later delivery of the same stay (e.g. a corrected discharge) replaces what it says.</summary>
    public void UpdateFrom(AdmissionEvent admission, AdmissionSource source, Guid? importId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(admission);
        End = admission.End;
        Acute = admission.Acute;
        MunicipalityCode = admission.MunicipalityCode;
        RegionCode = admission.RegionCode;
        Source = source;
        ImportId = importId;
        UpdatedAt = now;
    }

    public AdmissionEvent ToEvent() => new(PersonKey, MunicipalityCode, RegionCode, Start, End, Acute, Department);
}
