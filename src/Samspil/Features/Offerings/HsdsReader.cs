using System.Globalization;
using System.Text.Json;
using Samspil.Domain.Common;
using Samspil.Domain.Offerings;
using Samspil.Domain.Screening;

namespace Samspil.Features.Offerings;

/// <summary>
/// HSDS service → offering rows, read field by field from the JSON so that one bad value is one row error, not a
/// broken file. A service without service_at_locations is one offering (external id = service.id); with locations it
/// is one offering per service_at_location (external id "serviceId/locationId"). See docs/offerings-hsds.md.
/// </summary>
public static class HsdsReader
{
    /// <summary>The services of a document: a paginated list ({"contents": [...]}), a bare array, or one service; null when it is none of these.</summary>
    public static IReadOnlyList<JsonElement>? Services(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => [.. root.EnumerateArray()],
        JsonValueKind.Object when root.TryGetProperty("contents", out var contents) && contents.ValueKind == JsonValueKind.Array => [.. contents.EnumerateArray()],
        JsonValueKind.Object when root.TryGetProperty("name", out _) => [root],
        _ => null,
    };

    public static IEnumerable<OfferingImportRow> Read(JsonElement service, int row)
    {
        if (service.ValueKind != JsonValueKind.Object)
        {
            var broken = new OfferingImportRow(row, string.Empty);
            broken.Errors.Add(("service", "OfferingImport.WrongType"));
            return [broken];
        }

        var errors = new List<(string, string)>();
        var s = new Fields(service, errors);
        var serviceId = s.Text("id");
        if (string.IsNullOrWhiteSpace(serviceId) || serviceId.Contains('/', StringComparison.Ordinal) || serviceId.Length > 100 || Guard.HasControlCharacters(serviceId))
        {
            errors.Add(("id", "OfferingImport.Id.Invalid"));
            serviceId = null;
        }

        var organization = s.Object("organization");
        var organizationId = s.Text("organization_id") ?? organization?.Text("id");
        var organizationName = organization?.Text("name");

        var status = s.Text("status")?.Trim().ToLowerInvariant() switch
        {
            null or "active" => OfferingStatus.Active,
            "inactive" or "defunct" or "temporarily closed" => OfferingStatus.Inactive,
            _ => Error(errors, "status", "OfferingImport.Status", OfferingStatus.Active),
        };

        var needs = new List<string>();
        var targetGroups = new List<string>();
        var access = OfferingAccess.SelfReferral;
        string? referralBy = null;
        bool afterHours = false, crisis = false, closedOnHolidays = false;
        foreach (var attribute in s.Objects("attributes"))
        {
            var term = attribute.Object("taxonomy_term");
            var taxonomy = term?.Text("taxonomy") ?? term?.Object("taxonomy_detail")?.Text("name");
            var code = (term?.Text("code") ?? term?.Text("name"))?.Trim();
            if (taxonomy is null || code is null)
            {
                continue;
            }

            switch (taxonomy)
            {
                case HsdsTaxonomies.Need:
                    needs.Add(code);
                    break;
                case HsdsTaxonomies.TargetGroup:
                    targetGroups.Add(code);
                    break;
                case HsdsTaxonomies.Access:
                    referralBy = attribute.Text("value");
                    access = code switch
                    {
                        HsdsTaxonomies.SelfReferral => OfferingAccess.SelfReferral,
                        HsdsTaxonomies.Referral => OfferingAccess.Referral,
                        HsdsTaxonomies.SelfReferralOrReferral => OfferingAccess.SelfReferralOrReferral,
                        _ => Error(errors, "access", "OfferingImport.Access", OfferingAccess.SelfReferral),
                    };
                    break;
                case HsdsTaxonomies.Feature when code == HsdsTaxonomies.AfterHours:
                    afterHours = true;
                    break;
                case HsdsTaxonomies.Feature when code == HsdsTaxonomies.Crisis:
                    crisis = true;
                    break;
                case HsdsTaxonomies.OpeningHours when code == HsdsTaxonomies.ClosedOnPublicHolidays:
                    closedOnHolidays = true;
                    break;
                default:
                    break; // other vocabularies (Open Eligibility, 211 LA, …) are not Samspil's
            }
        }

        var languages = new List<string>();
        foreach (var language in s.Objects("languages"))
        {
            if (Languages.Normalise(language.Text("code")) is { } code)
            {
                languages.Add(code);
            }
            else
            {
                errors.Add(("languages", "OfferingImport.Language"));
            }
        }

        var municipalities = new List<string>();
        foreach (var area in s.Objects("service_areas"))
        {
            if (Municipalities.Code(area.Text("uri"), area.Text("name")) is { } code)
            {
                municipalities.Add(code);
            }
            else
            {
                errors.Add(("municipalities", "OfferingImport.Municipality"));
            }
        }

        var costOptions = s.Objects("cost_options").ToList();
        var fees = s.Text("fees_description");
        var isFree = costOptions.Count > 0 ? costOptions.All(c => c.Number("amount") == 0) : fees is null;
        var costDescription = fees ?? costOptions.Select(c => c.Text("amount_description")).FirstOrDefault(d => d is not null);

        var baseDetails = new OfferingDetails(
            Name: s.Text("name"),
            Description: s.Text("description"),
            Status: status,
            TargetGroups: targetGroups,
            Needs: needs,
            MinimumAge: s.Integer("minimum_age"),
            MaximumAge: s.Integer("maximum_age"),
            Eligibility: s.Text("eligibility_description"),
            Access: access,
            ReferralBy: referralBy,
            Languages: languages,
            InterpreterAvailable: !string.IsNullOrWhiteSpace(s.Text("interpretation_services")),
            IsFree: isFree,
            CostDescription: costDescription,
            Municipalities: municipalities,
            Email: s.Text("email"),
            Url: s.Text("url"),
            IsAfterHours: afterHours,
            IsCrisis: crisis,
            ClosedOnPublicHolidays: closedOnHolidays);

        var servicePhone = s.Objects("phones").Select(p => p.Text("number")).FirstOrDefault(n => n is not null);
        var serviceSchedules = s.Objects("schedules").ToList();
        var locations = s.Objects("service_at_locations").ToList();
        if (locations.Count == 0)
        {
            var result = Row(row, serviceId, serviceId, organizationId, organizationName, errors);
            result.Details = WithHours(baseDetails, serviceSchedules, result.Errors) with { Phone = servicePhone };
            return [result];
        }

        var rows = new List<OfferingImportRow>();
        foreach (var at in locations)
        {
            var rowErrors = new List<(string, string)>(errors);
            var location = at.Object("location");
            var locationId = location?.Text("id") ?? at.Text("location_id") ?? at.Text("id");
            if (string.IsNullOrWhiteSpace(locationId) || locationId.Length > 99 || Guard.HasControlCharacters(locationId))
            {
                rowErrors.Add(("location.id", "OfferingImport.Id.Invalid"));
                locationId = null;
            }

            var externalId = serviceId is null || locationId is null ? null : serviceId + "/" + locationId;
            var result = Row(row, externalId ?? serviceId, externalId, organizationId, organizationName, rowErrors);
            var schedules = at.Objects("schedules").ToList();
            if (schedules.Count == 0 && location is not null)
            {
                schedules = location.Objects("schedules").ToList();
            }

            if (schedules.Count == 0)
            {
                schedules = serviceSchedules;
            }

            var phone = at.Objects("phones").Select(p => p.Text("number")).FirstOrDefault(n => n is not null)
                ?? location?.Objects("phones").Select(p => p.Text("number")).FirstOrDefault(n => n is not null)
                ?? servicePhone;
            var addresses = location?.Objects("addresses").ToList() ?? [];
            var address = addresses.FirstOrDefault(a => a.Text("address_type") is null or "physical") ?? addresses.FirstOrDefault();
            var street = address?.Text("address_1");
            if (address?.Text("address_2") is { } second)
            {
                street = street is null ? second : street + ", " + second;
            }

            result.Details = WithHours(baseDetails, schedules, result.Errors) with
            {
                Phone = phone,
                Street = street,
                PostalCode = address?.Text("postal_code"),
                City = address?.Text("city"),
                Latitude = location?.Number("latitude"),
                Longitude = location?.Number("longitude"),
            };
            rows.Add(result);
        }

        return rows;
    }

    private static OfferingImportRow Row(int row, string? reference, string? externalId, string? organizationId, string? organizationName, List<(string, string)> errors)
    {
        var result = new OfferingImportRow(row, reference ?? string.Empty) { ExternalId = externalId, OrganizationId = organizationId, OrganizationName = organizationName };
        result.Errors.AddRange(errors);
        return result;
    }

    /// <summary>
    /// Schedules → weekly periods, single-date exceptions and the hours note. Seven days 00:00–00:00 is "always open".
    /// Monthly rules, intervals other than 1 and date ranges are not Samspil's model: row errors.
    /// </summary>
    private static OfferingDetails WithHours(OfferingDetails details, List<Fields> schedules, List<(string Field, string Code)> errors)
    {
        var periods = new List<(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)>();
        var exceptions = new List<ScheduleException>();
        var notes = new List<string>();
        foreach (var schedule in schedules)
        {
            var validFrom = schedule.Text("valid_from");
            var validTo = schedule.Text("valid_to");
            var opensText = schedule.Text("opens_at");
            var closesText = schedule.Text("closes_at");
            var note = schedule.Text("notes");
            if (validFrom is not null && validFrom == validTo)
            {
                if (!DateOnly.TryParseExact(validFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    errors.Add(("schedules", "OfferingImport.Date"));
                    continue;
                }

                try
                {
                    if (opensText is null && closesText is null)
                    {
                        exceptions.Add(ScheduleException.ClosedOn(date, note));
                    }
                    else if (Times.Parse(opensText) is { } opens && Times.Parse(closesText) is { } closes)
                    {
                        exceptions.Add(ScheduleException.OpenOn(date, opens, closes, note));
                    }
                    else
                    {
                        errors.Add(("schedules", "OfferingImport.Time"));
                    }
                }
                catch (DomainException)
                {
                    errors.Add(("schedules", "OfferingImport.Note"));
                }

                continue;
            }

            if (validTo is not null)
            {
                errors.Add(("schedules", "OfferingImport.ScheduleRange"));
                continue;
            }

            var freq = schedule.Text("freq");
            var byday = schedule.Text("byday");
            if (freq is null && byday is null && opensText is null && closesText is null)
            {
                if (note is not null)
                {
                    notes.Add(note.Trim());
                }

                continue;
            }

            if ((freq is not null && !string.Equals(freq, "WEEKLY", StringComparison.OrdinalIgnoreCase)) || schedule.Integer("interval") is not (null or 1))
            {
                errors.Add(("schedules", "OfferingImport.Frequency"));
                continue;
            }

            var days = (byday ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(d => Array.IndexOf(Hsds.DayCodes, d.ToUpperInvariant())).ToList();
            if (days.Count == 0 || days.Any(d => d < 0))
            {
                errors.Add(("schedules", "OfferingImport.Byday"));
                continue;
            }

            if (Times.Parse(opensText) is not { } from || Times.Parse(closesText) is not { } to)
            {
                errors.Add(("schedules", "OfferingImport.Time"));
                continue;
            }

            periods.AddRange(days.Select(d => ((DayOfWeek)d, from, to)));
            if (note is not null)
            {
                notes.Add(note.Trim());
            }
        }

        var alwaysOpen = periods.Count == 7 && periods.Select(p => p.Day).Distinct().Count() == 7 && periods.All(p => p.Opens == TimeOnly.MinValue && p.Closes == TimeOnly.MinValue);
        return details with
        {
            AlwaysOpen = alwaysOpen,
            Periods = alwaysOpen ? [] : [.. periods.Select(p => OpeningPeriod.Create(p.Day, p.Opens, p.Closes))],
            Exceptions = exceptions,
            HoursNote = notes.Count == 0 ? null : string.Join(' ', notes.Distinct(StringComparer.Ordinal)),
        };
    }

    private static T Error<T>(List<(string, string)> errors, string field, string code, T fallback)
    {
        errors.Add((field, code));
        return fallback;
    }

    /// <summary>Typed reads from a JSON object; a value of the wrong type is an error for its field, never an exception.</summary>
    private sealed class Fields(JsonElement element, List<(string, string)> errors)
    {
        public string? Text(string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.String:
                    var text = value.GetString();
                    return string.IsNullOrWhiteSpace(text) ? null : text;
                case JsonValueKind.Number:
                    return value.GetRawText();
                default:
                    errors.Add((name, "OfferingImport.WrongType"));
                    return null;
            }
        }

        public int? Integer(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue)
            {
                return (int)number;
            }

            errors.Add((name, "OfferingImport.Number"));
            return null;
        }

        public decimal? Number(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
            {
                return number;
            }

            errors.Add((name, "OfferingImport.Number"));
            return null;
        }

        public Fields? Object(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Object)
            {
                return new Fields(value, errors);
            }

            errors.Add((name, "OfferingImport.WrongType"));
            return null;
        }

        public IEnumerable<Fields> Objects(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Object))
            {
                errors.Add((name, "OfferingImport.WrongType"));
                return [];
            }

            if (value.GetArrayLength() > 500)
            {
                errors.Add((name, "OfferingImport.TooMany"));
                return [];
            }

            return [.. value.EnumerateArray().Select(v => new Fields(v, errors))];
        }
    }
}

/// <summary>Opening times as HSDS writes them ("08:00" or "08:00:00"); "24:00" closes at midnight; anything else (25:00, 8am) is not a time.</summary>
public static class Times
{
    private static readonly string[] Formats = ["HH:mm", "HH:mm:ss", "H:mm"];

    public static TimeOnly? Parse(string? text)
    {
        var value = text?.Trim();
        if (value is null)
        {
            return null;
        }

        if (value is "24:00" or "24:00:00")
        {
            return TimeOnly.MinValue;
        }

        return TimeOnly.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
    }
}

/// <summary>ISO 639 language codes: two letters as Samspil stores them; three-letter codes are mapped when the language is known.</summary>
public static class Languages
{
    private static readonly Lazy<Dictionary<string, string>> Known = new(() =>
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.NeutralCultures))
        {
            var two = culture.TwoLetterISOLanguageName;
            if (two.Length == 2 && two.All(char.IsAsciiLetterLower))
            {
                map.TryAdd(two, two);
                if (culture.ThreeLetterISOLanguageName is { Length: 3 } three)
                {
                    map.TryAdd(three, two);
                }
            }
        }

        return map;
    });

    public static string? Normalise(string? code)
    {
        var value = code?.Trim().ToLowerInvariant();
        return value is null || value.Length > 3 ? null : Known.Value.GetValueOrDefault(value);
    }
}

/// <summary>A Danish municipality's kommunekode from an HSDS service_area: its Dataforsyningen/DAWA uri, or its name (with or without "Kommune").</summary>
public static class Municipalities
{
    public static string? Code(string? uri, string? name)
    {
        if (uri is not null)
        {
            var last = uri.TrimEnd('/').Split('/')[^1].TrimStart('0');
            if (last.Length is > 0 and <= 3 && last.All(char.IsAsciiDigit) && DanishAreaNames.Municipality(last) is not null)
            {
                return last;
            }
        }

        var trimmed = name?.Trim();
        if (trimmed is null)
        {
            return null;
        }

        if (trimmed.EndsWith(" Kommune", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^" Kommune".Length].Trim();
        }

        var matches = DanishAreaNames.AllMunicipalities.Where(m => string.Equals(m.Name, trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0].Code : null;
    }
}
