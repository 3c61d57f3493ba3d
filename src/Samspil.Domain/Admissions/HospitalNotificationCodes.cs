namespace Samspil.Domain.Admissions;

/// <summary>What a hospital notification reports: the event, whether it is new, a correction or a cancellation, and its Danish code.</summary>
public sealed record HospitalNotificationClassification(HospitalEventKind Kind, HospitalMessageAction Action)
{
    /// <summary>The MedCom use-case code: STIN, RE_STIN, AN_STIN, … MORS, RE_MORS, AN_MORS.</summary>
    public string DanishCode => (Action switch
    {
        HospitalMessageAction.Correction => "RE_",
        HospitalMessageAction.Cancellation => "AN_",
        _ => string.Empty,
    }) + HospitalNotificationCodes.CodeOf(Kind);
}

/// <summary>
/// The MedCom HospitalNotification activity codes (Provenance.activity, CodeSystem
/// medcom-messaging-activityCodes) and how they map to the Danish event codes (IG 2.0.0, "Overview of
/// HospitalNotification codes"). A death (MORS) carries no activity of its own: it is the current
/// activity with Patient.deceased = true; its correction (RE_MORS) is a second such message for the
/// same stay, and its cancellation (AN_MORS) a message with deceased = false while the death stands.
/// </summary>
public static class HospitalNotificationCodes
{
    private static readonly Dictionary<string, HospitalNotificationClassification> Activities = new(StringComparer.Ordinal)
    {
        ["admit-emergency"] = new(HospitalEventKind.AcuteAmbulantStart, HospitalMessageAction.New),
        ["revise-admit-emergency"] = new(HospitalEventKind.AcuteAmbulantStart, HospitalMessageAction.Correction),
        ["cancel-admit-emergency"] = new(HospitalEventKind.AcuteAmbulantStart, HospitalMessageAction.Cancellation),
        ["admit-inpatient"] = new(HospitalEventKind.Admission, HospitalMessageAction.New),
        ["revise-admit-inpatient"] = new(HospitalEventKind.Admission, HospitalMessageAction.Correction),
        ["cancel-admit-inpatient"] = new(HospitalEventKind.Admission, HospitalMessageAction.Cancellation),
        ["start-leave-inpatient"] = new(HospitalEventKind.LeaveStart, HospitalMessageAction.New),
        ["revise-start-leave-inpatient"] = new(HospitalEventKind.LeaveStart, HospitalMessageAction.Correction),
        ["cancel-start-leave-inpatient"] = new(HospitalEventKind.LeaveStart, HospitalMessageAction.Cancellation),
        ["end-leave-inpatient"] = new(HospitalEventKind.LeaveEnd, HospitalMessageAction.New),
        ["revise-end-leave-inpatient"] = new(HospitalEventKind.LeaveEnd, HospitalMessageAction.Correction),
        ["cancel-end-leave-inpatient"] = new(HospitalEventKind.LeaveEnd, HospitalMessageAction.Cancellation),
        ["discharge-emergency-home"] = new(HospitalEventKind.Discharge, HospitalMessageAction.New),
        ["discharge-inpatient-home"] = new(HospitalEventKind.Discharge, HospitalMessageAction.New),
        ["revise-discharge-emergency-home"] = new(HospitalEventKind.Discharge, HospitalMessageAction.Correction),
        ["revise-discharge-inpatient-home"] = new(HospitalEventKind.Discharge, HospitalMessageAction.Correction),
        ["cancel-discharge-emergency-home"] = new(HospitalEventKind.Discharge, HospitalMessageAction.Cancellation),
        ["cancel-discharge-inpatient-home"] = new(HospitalEventKind.Discharge, HospitalMessageAction.Cancellation),
    };

    /// <summary>Every activity code Samspil understands.</summary>
    public static IReadOnlyCollection<string> ActivityCodes => Activities.Keys;

    public static bool IsKnownActivity(string? code) => code is not null && Activities.ContainsKey(code);

    /// <summary>
    /// Classifies a message from its activity code and the patient's deceased flag. <paramref name="deathStands"/>
    /// says whether the stay already has an active death (MORS) event. Null when the activity code is unknown.
    /// </summary>
    public static HospitalNotificationClassification? Classify(string? activityCode, bool? deceased, bool deathStands)
    {
        if (activityCode is null || !Activities.TryGetValue(activityCode, out var byActivity))
        {
            return null;
        }

        if (deceased == true)
        {
            return new(HospitalEventKind.Deceased, deathStands ? HospitalMessageAction.Correction : HospitalMessageAction.New);
        }

        if (deathStands && deceased == false && byActivity.Action != HospitalMessageAction.Cancellation)
        {
            // AN_MORS: the death was reported in error; the message repeats the current activity with deceased = false.
            return new(HospitalEventKind.Deceased, HospitalMessageAction.Cancellation);
        }

        return byActivity;
    }

    public static string CodeOf(HospitalEventKind kind) => kind switch
    {
        HospitalEventKind.AcuteAmbulantStart => "STAA",
        HospitalEventKind.Admission => "STIN",
        HospitalEventKind.LeaveStart => "STOR",
        HospitalEventKind.LeaveEnd => "SLOR",
        HospitalEventKind.Discharge => "SLHJ",
        HospitalEventKind.Deceased => "MORS",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
