namespace Samspil.Domain.Meetings;

/// <summary>The kinds of meeting in the seeds' models (R21–R23, R26, R32).</summary>
public enum MeetingKind
{
    /// <summary>Forberedende samtale: the citizen and one trusted professional map social stressors (R21).</summary>
    Preparatory = 0,

    /// <summary>Fælles møde efter udredning: income basis and short-term work attachment (R22).</summary>
    JointAssessment = 1,

    /// <summary>Netværksmøde.</summary>
    Network = 2,

    /// <summary>Task force-møde, at least every third month (R26).</summary>
    TaskForce = 3,

    /// <summary>Overleveringsmøde at the end of treatment (R22).</summary>
    Handover = 4,

    /// <summary>Akut møde.</summary>
    Acute = 5,

    /// <summary>Analysemøde (the analysis committee, R32).</summary>
    Analysis = 6,
}

public enum MeetingFormat
{
    InPerson = 0,
    Video = 1,
    Phone = 2,
}

public enum MeetingStatus
{
    /// <summary>Proposed by a template (or a person) with a due window; not yet at a time.</summary>
    Proposed = 0,
    Scheduled = 1,
    Held = 2,
    Cancelled = 3,
}

/// <summary>A participant's role in one meeting (R23). The course's tovholder is a network role.</summary>
public enum MeetingRole
{
    Participant = 0,
    MeetingLeader = 1,
    MinuteTaker = 2,
}

public enum Attendance
{
    Unknown = 0,
    InPerson = 1,
    Video = 2,
    Absent = 3,
    RepresentedByProxy = 4,
}
