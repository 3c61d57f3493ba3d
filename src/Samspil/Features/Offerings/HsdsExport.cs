using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Offerings;
using Samspil.Domain.Screening;
using Samspil.Features.Administration;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Offerings;

/// <summary>
/// Offerings as Open Referral HSDS 3.0 (docs/offerings-hsds.md). Offerings are public information: anyone gets the
/// active ones; an administrator also gets the inactive ones of their own organisation tree (so that an export can be
/// re-imported whole). The order is stable (organisation id, service id, location id) and every HSDS identifier Samspil
/// does not store is derived from the offering's own, so exporting twice gives the same bytes.
/// </summary>
public sealed class OfferingExport(SamspilDbContext db, AccountAdministration accounts, CurrentUser user)
{
    public async Task<IReadOnlyList<Offering>> OfferingsAsync(Guid? organizationId, CancellationToken cancellationToken)
    {
        var tree = user.IsAdministrator ? (await accounts.TreeAsync(user, cancellationToken)).Select(o => o.Id).ToList() : [];
        var query = db.Offerings.AsNoTracking().Where(o => o.Status == OfferingStatus.Active || tree.Contains(o.OrganizationId));
        if (organizationId is { } only)
        {
            query = query.Where(o => o.OrganizationId == only);
        }

        return await query.ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> OrganizationNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    public async Task<byte[]> HsdsAsync(Guid? organizationId, CancellationToken cancellationToken)
    {
        var offerings = await OfferingsAsync(organizationId, cancellationToken);
        var names = await OrganizationNamesAsync(offerings.Select(o => o.OrganizationId), cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(HsdsWriter.Document(offerings, names), Hsds.Json);
    }

    public async Task<byte[]> CsvAsync(Guid? organizationId, CancellationToken cancellationToken)
    {
        var offerings = await OfferingsAsync(organizationId, cancellationToken);
        var names = await OrganizationNamesAsync(offerings.Select(o => o.OrganizationId), cancellationToken);
        return OfferingCsv.Write(offerings, names);
    }
}

/// <summary>Offering → HSDS service. Pure, so that the mapping can be read in one place.</summary>
public static class HsdsWriter
{
    public static HsdsServiceList Document(IReadOnlyList<Offering> offerings, IReadOnlyDictionary<Guid, string> organizationNames)
    {
        var services = new List<HsdsService>();
        var keyed = offerings.Select(o => (Offering: o, Key: Keys(o))).ToList();
        foreach (var group in keyed.GroupBy(k => (k.Offering.OrganizationId, k.Key.ServiceId)))
        {
            var members = group.OrderBy(m => m.Key.LocationId, StringComparer.Ordinal).ThenBy(m => m.Offering.Id).ToList();
            if (members.Count == 1)
            {
                services.Add(Service(members[0].Offering, members[0].Key.ServiceId, members[0].Key.LocationId, organizationNames));
                continue;
            }

            // Offerings imported from one HSDS service with several locations go back as that service, as long as
            // nothing service-wide has been changed on one of them; otherwise each is its own service.
            var cores = members.Select(m => JsonSerializer.Serialize(Service(m.Offering, m.Key.ServiceId, m.Key.LocationId, organizationNames) with { ServiceAtLocations = [] }, Hsds.Json)).ToList();
            var mergeable = members.All(m => m.Key.LocationId is not null)
                && cores.Distinct(StringComparer.Ordinal).Count() == 1
                && members.Select(m => m.Key.LocationId).Distinct(StringComparer.Ordinal).Count() == members.Count;
            if (mergeable)
            {
                var first = Service(members[0].Offering, members[0].Key.ServiceId, members[0].Key.LocationId, organizationNames);
                services.Add(first with { ServiceAtLocations = [.. members.Select(m => ServiceAtLocation(m.Offering, m.Key.ServiceId, m.Key.LocationId!))] });
            }
            else
            {
                services.AddRange(members.Select(m => Service(m.Offering, m.Offering.Id.ToString(), m.Key.LocationId, organizationNames)));
            }
        }

        var ordered = services.OrderBy(s => s.OrganizationId, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        return new HsdsServiceList(ordered.Count, 1, 1, ordered.Count, true, true, ordered.Count == 0, ordered);
    }

    /// <summary>
    /// The HSDS service id and location id of an offering: from its external id ("service" or "service/location")
    /// when it was imported, else its own id; the location id is derived when it has an address but no imported one.
    /// </summary>
    public static (string ServiceId, string? LocationId) Keys(Offering offering)
    {
        var external = offering.ExternalId;
        string serviceId;
        string? locationId = null;
        if (external is null)
        {
            serviceId = offering.Id.ToString();
        }
        else if (external.IndexOf('/', StringComparison.Ordinal) is var slash and > 0)
        {
            serviceId = external[..slash];
            locationId = external[(slash + 1)..];
        }
        else
        {
            serviceId = external;
        }

        if (!HasLocation(offering))
        {
            return (serviceId, null);
        }

        return (serviceId, string.IsNullOrEmpty(locationId) ? Hsds.DerivedId(serviceId, "location") : locationId);
    }

    public static bool HasLocation(Offering o) => o.Street is not null || o.PostalCode is not null || o.City is not null || o.Latitude is not null;

    private static HsdsService Service(Offering o, string serviceId, string? locationId, IReadOnlyDictionary<Guid, string> organizationNames)
    {
        var organizationId = o.OrganizationId.ToString();
        var located = locationId is not null;
        return new HsdsService(
            Id: serviceId,
            OrganizationId: organizationId,
            Name: o.Name,
            Description: o.Description,
            Url: o.Url,
            Email: o.Email,
            Status: o.Status == OfferingStatus.Active ? "active" : "inactive",
            InterpretationServices: o.InterpreterAvailable ? InterpreterText : null,
            ApplicationProcess: ApplicationProcess(o),
            FeesDescription: o.CostDescription,
            EligibilityDescription: o.Eligibility,
            MinimumAge: o.MinimumAge,
            MaximumAge: o.MaximumAge,
            Phones: located ? null : Phones(o, serviceId),
            Schedules: located ? null : Schedules(o, serviceId),
            ServiceAreas: [.. o.Municipalities.Select(code => new HsdsServiceArea(
                Hsds.DerivedId(serviceId, "municipality", code),
                DanishAreaNames.Municipality(code) ?? code,
                MunicipalityUri + code.PadLeft(4, '0')))],
            ServiceAtLocations: located ? [ServiceAtLocation(o, serviceId, locationId!)] : [],
            Languages: [.. o.Languages.Select(code => new HsdsLanguage(Hsds.DerivedId(serviceId, "language", code), code))],
            Organization: new HsdsOrganization(organizationId, organizationNames.GetValueOrDefault(o.OrganizationId) ?? organizationId, string.Empty),
            CostOptions: [new HsdsCostOption(Hsds.DerivedId(serviceId, "cost"), "DKK", o.IsFree ? 0 : null, o.IsFree ? null : o.CostDescription)],
            Attributes: Attributes(o, serviceId));
    }

    /// <summary>DAWA / Dataforsyningen's municipality resource, by the four-digit kommunekode.</summary>
    public const string MunicipalityUri = "https://api.dataforsyningen.dk/kommuner/";

    public const string InterpreterText = "Tolk kan bestilles / an interpreter can be arranged";

    private static string ApplicationProcess(Offering o)
    {
        var how = o.Access switch
        {
            OfferingAccess.Referral => "Kræver henvisning / referral needed",
            OfferingAccess.SelfReferralOrReferral => "Henvend dig selv eller bliv henvist / self-referral or referral",
            _ => "Henvend dig selv / self-referral",
        };
        return o.ReferralBy is null ? how : $"{how}: {o.ReferralBy}";
    }

    private static HsdsServiceAtLocation ServiceAtLocation(Offering o, string serviceId, string locationId)
    {
        var scope = serviceId + "/" + locationId;
        var address = o.Street is null && o.PostalCode is null && o.City is null
            ? []
            : new List<HsdsAddress> { new(Hsds.DerivedId(scope, "address"), o.Street, o.City, string.Empty, o.PostalCode, "DK", "physical") };
        var location = new HsdsLocation(locationId, "physical", null, (double?)o.Latitude, (double?)o.Longitude, address);
        return new HsdsServiceAtLocation(Hsds.DerivedId(scope, "service_at_location"), serviceId, locationId, Phones(o, scope), Schedules(o, scope), location);
    }

    private static List<HsdsPhone> Phones(Offering o, string scope) => o.Phone is null ? [] : [new HsdsPhone(Hsds.DerivedId(scope, "phone"), o.Phone)];

    /// <summary>
    /// Weekly periods with the same hours become one WEEKLY schedule (byday "MO,TU"); always open is one schedule for
    /// every day 00:00–00:00; the hours note rides on the first weekly schedule (or a note-only one); each exception
    /// is a schedule for one date (valid_from = valid_to), without opens_at/closes_at when closed.
    /// </summary>
    public static List<HsdsSchedule> Schedules(Offering o, string scope)
    {
        var result = new List<HsdsSchedule>();
        string Id() => Hsds.DerivedId(scope, "schedule", result.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (o.AlwaysOpen)
        {
            result.Add(new HsdsSchedule(Id(), null, null, "WEEKLY", string.Join(',', Hsds.WeekOrder.Select(Hsds.DayCode)), "00:00", "00:00", null, null));
        }
        else
        {
            var groups = o.Periods
                .GroupBy(p => (p.Opens, p.Closes))
                .Select(g => (g.Key.Opens, g.Key.Closes, Days: g.Select(p => p.Day).Distinct().OrderBy(d => Array.IndexOf(Hsds.WeekOrder, d)).ToList()))
                .OrderBy(g => Array.IndexOf(Hsds.WeekOrder, g.Days[0])).ThenBy(g => g.Opens).ThenBy(g => g.Closes);
            foreach (var g in groups)
            {
                result.Add(new HsdsSchedule(Id(), null, null, "WEEKLY", string.Join(',', g.Days.Select(Hsds.DayCode)), Hsds.Time(g.Opens), Hsds.Time(g.Closes), null, null));
            }
        }

        if (o.HoursNote is not null)
        {
            if (result.Count > 0)
            {
                result[0] = result[0] with { Notes = o.HoursNote };
            }
            else
            {
                result.Add(new HsdsSchedule(Id(), null, null, null, null, null, null, null, o.HoursNote));
            }
        }

        foreach (var e in o.Exceptions.OrderBy(e => e.Date).ThenBy(e => e.Opens).ThenBy(e => e.Closes))
        {
            var date = Hsds.Date(e.Date);
            result.Add(e.Closed
                ? new HsdsSchedule(Id(), date, date, null, null, null, null, "closed", e.Note)
                : new HsdsSchedule(Id(), date, date, null, null, Hsds.Time(e.Opens!.Value), Hsds.Time(e.Closes!.Value), null, e.Note));
        }

        return result;
    }

    private static List<HsdsAttribute> Attributes(Offering o, string serviceId)
    {
        var result = new List<HsdsAttribute>();
        void Add(string taxonomy, string code, string? value = null) =>
            result.Add(new HsdsAttribute(
                Hsds.DerivedId(serviceId, taxonomy, code),
                Hsds.DerivedId(taxonomy, code),
                "service",
                value,
                new HsdsTaxonomyTerm(Hsds.DerivedId(taxonomy, code), code, code, string.Empty, taxonomy)));
        foreach (var need in o.Needs)
        {
            Add(HsdsTaxonomies.Need, need);
        }

        foreach (var group in o.TargetGroups)
        {
            Add(HsdsTaxonomies.TargetGroup, group);
        }

        Add(HsdsTaxonomies.Access, o.Access switch
        {
            OfferingAccess.Referral => HsdsTaxonomies.Referral,
            OfferingAccess.SelfReferralOrReferral => HsdsTaxonomies.SelfReferralOrReferral,
            _ => HsdsTaxonomies.SelfReferral,
        }, o.ReferralBy);
        if (o.IsAfterHours)
        {
            Add(HsdsTaxonomies.Feature, HsdsTaxonomies.AfterHours);
        }

        if (o.IsCrisis)
        {
            Add(HsdsTaxonomies.Feature, HsdsTaxonomies.Crisis);
        }

        if (o.ClosedOnPublicHolidays)
        {
            Add(HsdsTaxonomies.OpeningHours, HsdsTaxonomies.ClosedOnPublicHolidays);
        }

        return result;
    }
}
