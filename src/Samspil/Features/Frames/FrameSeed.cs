using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Directory;
using Samspil.Domain.Frames;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Frames;

/// <summary>
/// The frames every installation ships with, added for kinds that have none (an administrator's frame is never
/// touched). The seeds name the laws (sundhedsloven, serviceloven §§ 12, 85, 99, 107–108, LAB, sygedagpenge) and IPS;
/// the deadlines are the well-known statutory ones, written as a starting point: administrators check them against
/// the law in force (docs/frames.md).
/// </summary>
public static class FrameSeed
{
    public static async Task EnsureAsync(SamspilDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Set<ActorFrame>().Select(f => f.Kind).ToListAsync(cancellationToken);
        var missing = Frames().Where(f => !existing.Contains(f.Kind)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        db.AddRange(missing.Select(f => ActorFrame.Create(f.Kind, f.Content)));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static FrameLaw Law(string name, string reference, string? url = null) => new(name, reference, url);

    private static FrameMethod Method(string name, string description) => new(name, description);

    /// <summary>A deadline once within an interval; <paramref name="remind"/> days before it is due the frame's own members are reminded (docs/deadlines.md).</summary>
    private static FrameDeadline Within(string name, int amount, DeadlineUnit unit, string runsFrom, string reference, string? description = null, int? remind = null, OrganizationKind? remindKind = null) =>
        new(name, description, DeadlineType.Within, amount, unit, runsFrom, reference, null, remind, remindKind);

    private static FrameDeadline Every(string name, int amount, DeadlineUnit unit, string runsFrom, string reference, string? description = null, int? remind = null) =>
        new(name, description, DeadlineType.Every, amount, unit, runsFrom, reference, null, remind);

    private static FrameDeadline Ongoing(string name, string reference, string? description = null) =>
        new(name, description, DeadlineType.Ongoing, null, null, null, reference);

    private static readonly FrameContent Psychiatry = new(
        [
            Law("Sundhedsloven", "LBK om sundhedsloven (udredningsret, frit sygehusvalg, videregivelse af helbredsoplysninger)"),
            Law("Psykiatriloven", "Lov om anvendelse af tvang i psykiatrien m.v. (udskrivningsaftale, koordinationsplan)"),
            Law("Sundhedsaftalen", "Aftale mellem regionen og kommunerne efter sundhedsloven"),
        ],
        [
            Within("Udredning", 30, DeadlineUnit.Days, "henvisningen er modtaget", "Sundhedsloven (udredningsret)", "Patienten skal udredes inden for 30 dage, hvis det er fagligt muligt; ellers en plan for udredningen.", remind: 7),
            Within("Behandling efter udredning", 30, DeadlineUnit.Days, "udredningen er afsluttet", "Sundhedsloven (udvidet frit sygehusvalg)", "Kan regionen ikke tilbyde behandling inden for fristen, kan patienten vælge et andet sygehus.", remind: 7),
            Ongoing("Udskrivningsaftale eller koordinationsplan ved udskrivning", "Psykiatriloven", "For patienter, der ikke selv kan tage imod den nødvendige hjælp efter udskrivning."),
        ],
        [
            Method("Traumefokuseret behandling", "Fx traumefokuseret kognitiv terapi og eksponering efter kliniske retningslinjer for PTSD."),
            Method("Tværindsats", "Tre netværksmøder under behandlingen med borgeren, kommunen og egen læge (seed 000)."),
            Method("IPS", "Individuelt Planlagt job med Støtte: behandleren samarbejder tæt med jobcentrets IPS-konsulent (seed 002)."),
        ]);

    public static IReadOnlyList<(OrganizationKind Kind, FrameContent Content)> Frames() =>
    [
        (OrganizationKind.JobCentre, new(
            [
                Law("Lov om sygedagpenge", "Sygedagpengeloven (opfølgning, varighed, arbejdsgiverperiode)"),
                Law("Lov om en aktiv beskæftigelsesindsats", "LAB (kontaktforløb, virksomhedspraktik, fleksjob, ressourceforløb, jobafklaringsforløb)"),
                Law("Lov om organisering og understøttelse af beskæftigelsesindsatsen", "Rehabiliteringsteamet"),
                Law("Retssikkerhedsloven", "Retssikkerhedsloven § 12 c (underretning til brug for opfølgning på sygedagpenge)"),
            ],
            [
                Within("Arbejdsgiverperioden", 30, DeadlineUnit.Days, "første sygedag", "Lov om sygedagpenge", "Arbejdsgiveren betaler de første 30 dage; derefter udbetaler kommunen sygedagpenge.", remind: 7),
                Within("Første opfølgningssamtale", 8, DeadlineUnit.Weeks, "første fraværsdag", "Lov om sygedagpenge (opfølgning)", "Jobcentret holder den første samtale med den sygemeldte inden udgangen af 8. uge.", remind: 14),
                Every("Løbende opfølgningssamtaler", 4, DeadlineUnit.Weeks, "første opfølgningssamtale", "Lov om sygedagpenge (opfølgning)", "Hyppigheden afhænger af sagens kategori; kontrollér den gældende regel.", remind: 7),
                Within("Revurdering af retten til sygedagpenge", 22, DeadlineUnit.Weeks, "første fraværsdag (inden for 9 måneder)", "Lov om sygedagpenge (varighedsbegrænsning)", "Kan sygedagpengene ikke forlænges, tilbydes jobafklaringsforløb.", remind: 28),
            ],
            [
                Method("IPS", "Individuelt Planlagt job med Støtte: en IPS-konsulent hjælper med jobsøgning og fastholdelse i tæt kontakt med behandleren (seed 002)."),
                Method("Rehabiliteringsteam", "Tværfagligt team (beskæftigelse, social, sundhed, uddannelse og regionens sundhedskoordinator), der indstiller til ressourceforløb, jobafklaringsforløb og fleksjob."),
                Method("Virksomhedsrettede tilbud", "Virksomhedspraktik og løntilskud med skånehensyn."),
            ])),
        (OrganizationKind.SocialServices, new(
            [
                Law("Serviceloven", "Serviceloven §§ 12 (rådgivning), 85 (socialpædagogisk støtte), 99 (opsøgende arbejde), 107–108 (botilbud) — seed 002"),
                Law("Retssikkerhedsloven", "Helhedsvurdering, sagsbehandlingsfrister, samtykke (§ 11 c)"),
                Law("Forvaltningsloven", "Partshøring, bisidder (§ 8), begrundelse"),
            ],
            [
                Ongoing("Sagsbehandlingsfrister", "Retssikkerhedsloven § 3, stk. 2", "Kommunalbestyrelsen fastsætter og offentliggør fristerne for de enkelte sagsområder."),
                Ongoing("Handleplan", "Serviceloven § 141", "Tilbydes borgere med betydeligt nedsat funktionsevne eller alvorlige sociale problemer, før en indsats iværksættes eller snarest derefter."),
            ],
            [
                Method("Recovery-orienteret rehabilitering", "Socialstyrelsens anbefalinger (2023): borgerens egne mål for et meningsfuldt liv."),
                Method("Voksenudredningsmetoden (VUM)", "Fælles metode til udredning af voksne med funktionsnedsættelse."),
                Method("Bostøtte", "Socialpædagogisk støtte i eget hjem efter serviceloven § 85."),
            ])),
        (OrganizationKind.PsychiatricWard, Psychiatry),
        (OrganizationKind.PsychiatricOutpatientClinic, Psychiatry),
        (OrganizationKind.TraumaClinic, Psychiatry),
        (OrganizationKind.GpClinic, new(
            [
                Law("Sundhedsloven", "Patientrettigheder, videregivelse af helbredsoplysninger"),
                Law("Overenskomst om almen praksis", "Aftale mellem Regionernes Lønnings- og Takstnævn og PLO (ydelser, samtaleterapi)"),
                Law("Autorisationsloven", "Journalføring og faglig forsvarlighed"),
            ],
            [
                Ongoing("Attester til kommunen", "Lov om sygedagpenge; LAB", "Statusattester og lignende afgives inden for den frist, kommunen angiver i anmodningen."),
                Within("Revurdering af kørselsforbud", 6, DeadlineUnit.Months, "datoen for kørselsforbuddet", "Kørekortbekendtgørelsen; Sundhedsstyrelsens vejledning om helbredskrav til kørekort", "Et midlertidigt kørselsforbud (fx efter en blodprop i hjernen) revurderes efter et halvt år: lægen vurderer, om helbredskravene igen er opfyldt (seed 003, Preben).", remind: 30),
                Within("Revurdering af kørselsforbud (erhvervskørekort)", 12, DeadlineUnit.Months, "datoen for kørselsforbuddet", "Kørekortbekendtgørelsen; Sundhedsstyrelsens vejledning om helbredskrav til kørekort", "For erhvervskørekort revurderes forbuddet først efter et år (seed 003).", remind: 30),
            ],
            [
                Method("Samtaleterapi", "Op til et antal samtaler efter overenskomsten, fx ved let til moderat depression eller angst."),
                Method("Opfølgning efter udskrivning", "Læser epikrisen og følger op på medicin og aftaler efter indlæggelse."),
                Method("Mulighedserklæring", "Vurdering af skånehensyn i samarbejde med arbejdsgiver og medarbejder."),
            ])),
        (OrganizationKind.FamilyDepartment, new(
            [
                Law("Barnets lov", "Støtte til børn, unge og familier; underretninger; børnefaglige undersøgelser"),
                Law("Forvaltningsloven", "Partshøring, bisidder (§ 8)"),
            ],
            [
                Within("Vurdering af underretning", 1, DeadlineUnit.Days, "underretningen er modtaget", "Barnets lov (underretninger)", "Kommunen vurderer inden 24 timer, om barnets sundhed eller udvikling er i akut fare.", remind: 0),
                Within("Børnefaglig undersøgelse afsluttet", 4, DeadlineUnit.Months, "beslutningen om at undersøge", "Barnets lov (børnefaglig undersøgelse)", remind: 14),
                Every("Opfølgning på indsats", 6, DeadlineUnit.Months, "første opfølgning (senest 3 måneder efter iværksættelse)", "Barnets lov (opfølgning)", remind: 14),
            ],
            [
                Method("Børnesamtale", "Samtale med barnet om dets egne ønsker og perspektiv."),
                Method("Tværprofessionelt samarbejde", "Samarbejde med skole, sundhedspleje og voksenområdet, når en forælder er syg."),
            ])),
        (OrganizationKind.VeteransCentre, new(
            [
                Law("Lov om arbejdsskadesikring", "PTSD efter udsendelse kan anerkendes som arbejdsskade"),
                Law("Veteranpolitikken", "Statens politik for anerkendelse og støtte af veteraner og deres pårørende"),
            ],
            [
                Within("Anmeldelse af krav om erstatning", 12, DeadlineUnit.Months, "sygdommen er konstateret", "Lov om arbejdsskadesikring (anmeldelsesfrist)", "Kan i særlige tilfælde anmeldes senere; anmeld hurtigst muligt og kontrollér den gældende regel.", remind: 30),
            ],
            [
                Method("Rådgivning og psykologhjælp", "Veterancentrets rådgivning, psykologbehandling og kontaktpersoner for veteraner og pårørende."),
                Method("Pårørendeforløb", "Støtte til partner og børn i veteranens familie."),
            ])),
        (OrganizationKind.AddictionCentre, new(
            [
                Law("Serviceloven", "Serviceloven § 101 (stofmisbrugsbehandling)"),
                Law("Sundhedsloven", "Sundhedsloven § 141 (alkoholbehandling)"),
            ],
            [
                Within("Behandlingsgaranti", 14, DeadlineUnit.Days, "borgeren har henvendt sig", "Serviceloven § 101; sundhedsloven § 141", "Tilbud om behandling senest 14 dage efter henvendelsen.", remind: 3),
            ],
            [
                Method("Integreret behandling", "Samtidig behandling af misbrug og psykisk lidelse i samarbejde med psykiatrien."),
            ])),
        (OrganizationKind.VolunteerOrganization, new(
            [
                Law("Serviceloven § 18", "Kommunens samarbejde med frivillige sociale organisationer"),
                Law("Ingen myndighed", "Frivillige træffer ikke afgørelser; tavshed og deling af oplysninger efter aftale med borgeren"),
            ],
            [],
            [
                Method("Peer-støtte", "Støtte fra en person med egne erfaringer med psykisk sygdom eller traumer."),
                Method("Bisidder", "Går med borgeren til møder med kommune og sundhedsvæsen."),
                Method("Netværks- og aktivitetstilbud", "Fællesskaber, der mindsker ensomhed og giver hverdagen struktur."),
            ])),
    ];
}
