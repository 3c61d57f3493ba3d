namespace Samspil.Domain.Screening;

/// <summary>
/// One hospital stay as delivered for screening: who (a pseudonymous key, never a CPR number), where
/// the person lives (municipality and region codes), when (admission start and discharge, stored as
/// UTC instants), whether it was acute, and which department.
/// </summary>
/// <remarks>
/// <see cref="Start"/> and <see cref="End"/> are normalised to UTC (offset zero). A discharge may
/// coincide with the admission (a stay of zero length) but never precede it.
/// </remarks>
public sealed record AdmissionEvent
{
    public AdmissionEvent(string personKey, string municipalityCode, string regionCode, DateTimeOffset start, DateTimeOffset end, bool acute, string department)
    {
        ArgumentException.ThrowIfNullOrEmpty(personKey);
        ArgumentNullException.ThrowIfNull(municipalityCode);
        ArgumentNullException.ThrowIfNull(regionCode);
        ArgumentNullException.ThrowIfNull(department);
        if (end < start)
        {
            throw new ArgumentException("A discharge cannot precede its admission.", nameof(end));
        }

        PersonKey = personKey;
        MunicipalityCode = municipalityCode;
        RegionCode = regionCode;
        Start = start.ToUniversalTime();
        End = end.ToUniversalTime();
        Acute = acute;
        Department = department;
    }

    /// <summary>Pseudonymous person key; persons are told apart by ordinal (byte-wise) comparison.</summary>
    public string PersonKey { get; }

    /// <summary>Municipality code (kommunekode, three digits, e.g. "461" for Odense).</summary>
    public string MunicipalityCode { get; }

    /// <summary>Region code (regionskode, four digits, e.g. "1083" for Region Syddanmark).</summary>
    public string RegionCode { get; }

    /// <summary>Admission start (indlæggelsestidspunkt), UTC.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Discharge (udskrivningstidspunkt), UTC; never before <see cref="Start"/>.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Whether the admission was acute (akut) rather than planned.</summary>
    public bool Acute { get; }

    /// <summary>The discharging department (afdeling); not used by the screening rules.</summary>
    public string Department { get; }
}
