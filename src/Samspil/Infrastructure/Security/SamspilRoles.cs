namespace Samspil.Infrastructure.Security;

/// <summary>The sign-in roles. Collaboration roles in a network (tovholder etc.) are data, not these.</summary>
public static class SamspilRoles
{
    /// <summary>Organisation administrator: maintains the directory and sees the organisation's courses.</summary>
    public const string Administrator = "Administrator";

    public const string Professional = "Professional";

    /// <summary>
    /// A manager (leder): sees the steering figures (Styringsdata) of their organisation and every unit below it.
    /// Aggregates only: the role opens no citizen data; a manager who is also a professional reads what the professional may.
    /// </summary>
    public const string Manager = "Manager";

    public const string Citizen = "Citizen";

    /// <summary>A relative or proxy (stedfortræder) acting for a citizen.</summary>
    public const string Proxy = "Proxy";

    /// <summary>
    /// A system that delivers messages to Samspil, e.g. the region's hospital-notification integration
    /// (demo login integration.region). It may post hospital notifications and sees no citizen data.
    /// </summary>
    public const string Integration = "Integration";

    /// <summary>Samspil's own background work (hospital notifications, reminders, delivery). Nobody signs in with it.</summary>
    public const string System = "System";

    public static readonly IReadOnlyList<string> All = [Administrator, Professional, Citizen, Proxy, Integration, Manager];
}

/// <summary>Authorization policy names used on endpoint groups and pages.</summary>
public static class SamspilPolicies
{
    public const string Staff = "Staff";

    public const string Administrator = "Administrator";

    /// <summary>The steering figures (Styringsdata): administrators and managers, each for their own organisation tree.</summary>
    public const string Steering = "Steering";
}
