namespace Samspil.Domain.Courses;

/// <summary>The phases of a course (R2, 002 §4).</summary>
public enum CoursePhase
{
    /// <summary>Opsporing.</summary>
    Detection = 0,

    /// <summary>Udredning.</summary>
    Assessment = 1,

    /// <summary>Behandling og tilbud.</summary>
    Treatment = 2,

    /// <summary>Videre henvisning / afslutning.</summary>
    Referral = 3,

    /// <summary>Efterværn.</summary>
    AfterCare = 4,
}
