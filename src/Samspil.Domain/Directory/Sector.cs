namespace Samspil.Domain.Directory;

/// <summary>The sector an organisation belongs to (R3).</summary>
public enum Sector
{
    Region = 0,
    Municipality = 1,
    GeneralPractice = 2,
    State = 3,
    Volunteer = 4,
}

/// <summary>What kind of unit an organisation is (R3).</summary>
public enum OrganizationKind
{
    TraumaClinic = 0,
    PsychiatricWard = 1,
    PsychiatricOutpatientClinic = 2,
    SomaticHospital = 3,
    JobCentre = 4,
    SocialServices = 5,
    FamilyDepartment = 6,
    AddictionCentre = 7,
    MunicipalHealth = 8,
    Coordinator = 9,
    GpClinic = 10,
    VeteransCentre = 11,
    VolunteerOrganization = 12,
    Municipality = 13,
    InterpreterService = 15,
    Region = 14,
    Other = 99,
}
