using Samspil.Domain.Agreements;
using Samspil.Domain.Common;
using Samspil.Domain.Directory;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Agreements;

/// <summary>
/// Synthetic collaboration agreements for the demo (issue 18): the Tværindsats model between the region's trauma
/// psychiatry and Odense Kommune for refugees with PTSD (two versions, a document, due for review within the month, so
/// the reminder and the course page's line can be seen), one for frequent admissions between the psychiatric ward and
/// Odense Kommune, and an expired one with Kolding.
/// </summary>
public static class AgreementDemoData
{
    private static readonly byte[] DemoPdf = "%PDF-1.4\n% Samspil demo: syntetisk samarbejdsaftale\n%%EOF\n"u8.ToArray();

    public static void Seed(
        SamspilDbContext db,
        Organization traumaPsychiatry,
        Organization ward,
        Organization odense,
        Organization kolding,
        PractitionerRole traumaContact,
        PractitionerRole odenseCoordinator,
        PractitionerRole wardContact,
        Actor regionAdministrator,
        Actor odenseAdministrator,
        Moment now)
    {
        var today = now.Today;

        // Tværindsats: written as a draft a year and a half ago, adopted with the signed document, due for review soon.
        var tvaerindsats = Guid.CreateVersion7(now.Utc);
        var document = AgreementDocument.Upload(tvaerindsats, "samarbejdsaftale-tvaerindsats-demo.pdf", DemoPdf, 10 * 1024 * 1024, regionAdministrator, now.Utc.AddDays(-420));
        var parties = new List<AgreementPartyTerms>
        {
            new(traumaPsychiatry.Id, "Beslutter udredning, behandlingsplan og -forløb i traumeklinikken og giver kommunen besked, når behandlingen starter. Beslutter ikke om forsørgelse eller beskæftigelsesindsats.", traumaContact.Id, null, null, null, null),
            new(odense.Id, "Beslutter forsørgelsesgrundlag, ressourceforløb og beskæftigelsesindsats (jobcentret) og sociale indsatser; koordinatoren er kommunens ene indgang og indkalder til de tre netværksmøder.", odenseCoordinator.Id, null, null, null, null),
        };
        var draftTerms = new AgreementTerms(
            "Tværindsats for flygtninge med traumer — Psykiatrien i Region Syddanmark og Odense Kommune (demo)",
            "Udkast: fælles forløb for flygtninge med PTSD, hvor behandling og beskæftigelse går hånd i hånd (demo).",
            ["ptsd-refugee"], parties, today.AddDays(-400), today.AddDays(700), today.AddDays(20), IsDraft: true, DocumentId: null);
        var (agreement, first) = CollaborationAgreement.Create(tvaerindsats, draftTerms, regionAdministrator, now.Utc.AddDays(-430), isDemo: true);
        var second = agreement.Change(
            draftTerms with
            {
                Purpose = "Flygtninge med PTSD får ét samlet forløb (Tværindsats): traumeklinikken giver kommunen besked ved behandlingsstart, og borger, behandler, sagsbehandler og IPS-jobkonsulent holder tre netværksmøder undervejs. Parterne mødes på ledelsesniveau hvert halve år og genbesøger aftalen hvert år (demo).",
                IsDraft = false,
                DocumentId = document.Id,
            },
            odenseAdministrator,
            now.Utc.AddDays(-420));
        db.Add(agreement);
        db.Add(document);
        db.AddRange(first, second);

        // Frequent admissions: the ward and the municipality, with a contact typed in (not in the directory).
        var (admissions, admissionsVersion) = CollaborationAgreement.Create(
            Guid.CreateVersion7(now.Utc),
            new AgreementTerms(
                "Hyppigt indlagte: udskrivning og opfølgning — Psykiatrisk Afdeling Odense og Odense Kommune (demo)",
                "Borgere med mange psykiatriske indlæggelser: afdelingen varsler udskrivning senest to hverdage før, og kommunen har en kontaktperson klar, også ved udskrivning i weekenden. Parterne følger op på genindlæggelser hvert kvartal (demo).",
                ["frequent-admissions"],
                [
                    new(ward.Id, "Beslutter udskrivningstidspunkt og behandling under indlæggelse; indkalder kommunen til udskrivningssamtale.", wardContact.Id, null, null, null, null),
                    new(odense.Id, "Beslutter bostøtte, støttekontaktperson og aktivitetstilbud efter udskrivning.", null, "Marianne Demo-Holm", "Leder af socialpsykiatrien, Odense Kommune", "72 00 01 40", "socialpsykiatri@demo.samspil.invalid"),
                ],
                today.AddDays(-200), null, today.AddDays(150), IsDraft: false, DocumentId: null),
            odenseAdministrator,
            now.Utc.AddDays(-200),
            isDemo: true);
        db.Add(admissions);
        db.Add(admissionsVersion);

        // An earlier agreement with Kolding that ran out: listed last, marked as expired.
        var (expired, expiredVersion) = CollaborationAgreement.Create(
            Guid.CreateVersion7(now.Utc),
            new AgreementTerms(
                "Veteraner med PTSD — Psykiatrien i Region Syddanmark og Kolding Kommune 2023–2025 (demo)",
                "Projektfinansieret samarbejde om veteraner med PTSD; udløbet med projektet (demo).",
                ["ptsd-veteran"],
                [
                    new(traumaPsychiatry.Id, "Beslutter behandling i traumeklinikken.", null, null, null, null, null),
                    new(kolding.Id, "Beslutter kommunens indsats for veteraner.", null, null, null, null, null),
                ],
                today.AddDays(-1000), today.AddDays(-270), null, IsDraft: false, DocumentId: null),
            regionAdministrator,
            now.Utc.AddDays(-1000),
            isDemo: true);
        db.Add(expired);
        db.Add(expiredVersion);
    }
}
