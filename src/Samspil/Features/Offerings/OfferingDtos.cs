using System.Globalization;
using Samspil.Domain.Common;
using Samspil.Domain.Offerings;

namespace Samspil.Features.Offerings;

/// <summary>A weekly opening period in the API: day, and opens/closes as "HH:mm" Copenhagen wall-clock time (closes ≤ opens: past midnight; equal: 24 hours).</summary>
public sealed record OfferingPeriodDto(DayOfWeek? Day, string? Opens, string? Closes);

/// <summary>A dated exception in the API: ISO date ("2026-12-24"), closed all day or open from/to ("HH:mm"), with an optional note.</summary>
public sealed record OfferingExceptionDto(string? Date, bool Closed, string? Opens, string? Closes, string? Note);

/// <summary>What an administrator sends to create or change an offering (PUT replaces it whole).</summary>
public sealed record OfferingRequest(
    Guid? OrganizationId,
    string? Name,
    string? Description,
    OfferingStatus? Status = null,
    IReadOnlyList<string>? TargetGroups = null,
    IReadOnlyList<string>? Needs = null,
    int? MinimumAge = null,
    int? MaximumAge = null,
    string? Eligibility = null,
    OfferingAccess? Access = null,
    string? ReferralBy = null,
    IReadOnlyList<string>? Languages = null,
    bool InterpreterAvailable = false,
    bool IsFree = true,
    string? CostDescription = null,
    string? Street = null,
    string? PostalCode = null,
    string? City = null,
    decimal? Latitude = null,
    decimal? Longitude = null,
    IReadOnlyList<string>? Municipalities = null,
    string? Phone = null,
    string? Email = null,
    string? Url = null,
    bool IsAfterHours = false,
    bool IsCrisis = false,
    bool AlwaysOpen = false,
    bool ClosedOnPublicHolidays = true,
    string? HoursNote = null,
    IReadOnlyList<OfferingPeriodDto>? Periods = null,
    IReadOnlyList<OfferingExceptionDto>? Exceptions = null);

/// <summary>
/// One offering as the API shows it: everything maintained, the weekly periods and exceptions in the request's
/// shape, and computed at the time of the request: <c>openNow</c> and <c>nextChange</c> (the instant it closes
/// or opens next, with <c>nextChangeLocal</c> its Copenhagen wall-clock time; null when nothing changes within
/// a year, e.g. a 24-hour line). <c>version</c> is also the ETag a PUT sends back in If-Match.
/// </summary>
public sealed record OfferingDto(
    Guid Id,
    Guid OrganizationId,
    string OrganizationName,
    string? ExternalId,
    string Name,
    string Description,
    OfferingStatus Status,
    IReadOnlyList<string> TargetGroups,
    IReadOnlyList<string> Needs,
    int? MinimumAge,
    int? MaximumAge,
    string? Eligibility,
    OfferingAccess Access,
    string? ReferralBy,
    IReadOnlyList<string> Languages,
    bool InterpreterAvailable,
    bool IsFree,
    string? CostDescription,
    string? Street,
    string? PostalCode,
    string? City,
    decimal? Latitude,
    decimal? Longitude,
    IReadOnlyList<string> Municipalities,
    string? Phone,
    string? Email,
    string? Url,
    string? MapUrl,
    bool IsAfterHours,
    bool IsCrisis,
    bool AlwaysOpen,
    bool ClosedOnPublicHolidays,
    string? HoursNote,
    IReadOnlyList<OfferingPeriodDto> Periods,
    IReadOnlyList<OfferingExceptionDto> Exceptions,
    bool OpenNow,
    DateTimeOffset? NextChange,
    string? NextChangeLocal,
    DateTimeOffset UpdatedAt,
    string Version);

/// <summary>Mapping between <see cref="Offering"/> and the API's shapes; reusable by search, import and export.</summary>
public static class OfferingDtos
{
    public const string TimeFormat = "HH:mm";
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// The opaque version of an offering: a hash of everything maintained and the time of the last change (to the
    /// microsecond, as PostgreSQL keeps it), so any change, even two in the same instant, gives a new version.
    /// </summary>
    public static string VersionOf(Offering offering)
    {
        ArgumentNullException.ThrowIfNull(offering);
        var state = System.Text.Json.JsonSerializer.Serialize(new object?[]
        {
            offering.OrganizationId, offering.ExternalId, offering.Name, offering.Description, offering.Status.ToString(), offering.TargetGroups, offering.Needs,
            offering.MinimumAge, offering.MaximumAge, offering.Eligibility, offering.Access.ToString(), offering.ReferralBy, offering.Languages, offering.InterpreterAvailable,
            offering.IsFree, offering.CostDescription, offering.Street, offering.PostalCode, offering.City,
            offering.Latitude?.ToString("0.######", CultureInfo.InvariantCulture), offering.Longitude?.ToString("0.######", CultureInfo.InvariantCulture),
            offering.Municipalities, offering.Phone, offering.Email, offering.Url, offering.IsAfterHours, offering.IsCrisis, offering.AlwaysOpen,
            offering.ClosedOnPublicHolidays, offering.HoursNote,
            offering.Periods.Select(p => $"{p.Day} {Format(p.Opens)} {Format(p.Closes)}").ToList(),
            offering.Exceptions.Select(e => $"{e.Date.ToString(DateFormat, CultureInfo.InvariantCulture)} {e.Closed} {e.Opens} {e.Closes} {e.Note}").ToList(),
            offering.UpdatedAt.UtcTicks / 10,
        });
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(state)))[..20];
    }

    public static OfferingDto ToDto(Offering offering, string organizationName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offering);
        var state = offering.Hours.StateAt(now);
        return new OfferingDto(
            offering.Id,
            offering.OrganizationId,
            organizationName,
            offering.ExternalId,
            offering.Name,
            offering.Description,
            offering.Status,
            offering.TargetGroups,
            offering.Needs,
            offering.MinimumAge,
            offering.MaximumAge,
            offering.Eligibility,
            offering.Access,
            offering.ReferralBy,
            offering.Languages,
            offering.InterpreterAvailable,
            offering.IsFree,
            offering.CostDescription,
            offering.Street,
            offering.PostalCode,
            offering.City,
            offering.Latitude,
            offering.Longitude,
            offering.Municipalities,
            offering.Phone,
            offering.Email,
            offering.Url,
            MapUrl(offering),
            offering.IsAfterHours,
            offering.IsCrisis,
            offering.AlwaysOpen,
            offering.ClosedOnPublicHolidays,
            offering.HoursNote,
            offering.Periods.Select(p => new OfferingPeriodDto(p.Day, Format(p.Opens), Format(p.Closes))).ToList(),
            offering.Exceptions.Select(e => new OfferingExceptionDto(
                e.Date.ToString(DateFormat, CultureInfo.InvariantCulture), e.Closed, e.Opens is { } o ? Format(o) : null, e.Closes is { } c ? Format(c) : null, e.Note)).ToList(),
            state.IsOpen,
            state.NextChange,
            state.NextChangeLocal?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            offering.UpdatedAt,
            VersionOf(offering));
    }

    /// <summary>A map link (OpenStreetMap) from the coordinates, else from the address; null without either.</summary>
    public static string? MapUrl(Offering offering)
    {
        ArgumentNullException.ThrowIfNull(offering);
        if (offering.Latitude is { } lat && offering.Longitude is { } lon)
        {
            var la = lat.ToString("0.######", CultureInfo.InvariantCulture);
            var lo = lon.ToString("0.######", CultureInfo.InvariantCulture);
            return $"https://www.openstreetmap.org/?mlat={la}&mlon={lo}#map=17/{la}/{lo}";
        }

        var address = string.Join(", ", new[] { offering.Street, string.Join(' ', new[] { offering.PostalCode, offering.City }.Where(s => s is not null)) }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return address.Length == 0 ? null : "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString(address + ", Danmark");
    }

    /// <summary>The model's details from a request; times and dates are parsed strictly (a bad one is a 400 on its field).</summary>
    public static OfferingDetails ToDetails(OfferingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new OfferingDetails(
            request.Name,
            request.Description,
            request.Status ?? OfferingStatus.Active,
            request.TargetGroups,
            request.Needs,
            request.MinimumAge,
            request.MaximumAge,
            request.Eligibility,
            request.Access ?? OfferingAccess.SelfReferral,
            request.ReferralBy,
            request.Languages,
            request.InterpreterAvailable,
            request.IsFree,
            request.CostDescription,
            request.Street,
            request.PostalCode,
            request.City,
            request.Latitude,
            request.Longitude,
            request.Municipalities,
            request.Phone,
            request.Email,
            request.Url,
            request.IsAfterHours,
            request.IsCrisis,
            request.AlwaysOpen,
            request.ClosedOnPublicHolidays,
            request.HoursNote,
            Periods(request.Periods),
            Exceptions(request.Exceptions));
    }

    public static string Format(TimeOnly time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
        || TimeOnly.TryParseExact(text?.Trim(), "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static List<OpeningPeriod> Periods(IReadOnlyList<OfferingPeriodDto>? periods)
    {
        var list = (periods ?? []).ToList();
        if (list.Count > 50)
        {
            throw new DomainException("Offering.Periods.TooMany", "periods");
        }

        return list.Select((p, i) =>
        {
            if (p is null || p.Day is not { } day || !Enum.IsDefined(day))
            {
                throw new DomainException("Offering.Period.Day.Invalid", $"periods[{i}].day");
            }

            if (!TryParseTime(p.Opens, out var opens) || !TryParseTime(p.Closes, out var closes))
            {
                throw new DomainException("Offering.Period.Time.Invalid", $"periods[{i}]");
            }

            return OpeningPeriod.Create(day, opens, closes);
        }).ToList();
    }

    private static List<ScheduleException> Exceptions(IReadOnlyList<OfferingExceptionDto>? exceptions)
    {
        var list = (exceptions ?? []).ToList();
        if (list.Count > 400)
        {
            throw new DomainException("Offering.Exceptions.TooMany", "exceptions");
        }

        return list.Select((e, i) =>
        {
            if (e is null || !DateOnly.TryParseExact(e.Date?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year is < 2000 or > 2100)
            {
                throw new DomainException("Offering.Exception.Date.Invalid", $"exceptions[{i}].date");
            }

            if (e.Closed)
            {
                return ScheduleException.ClosedOn(date, e.Note);
            }

            if (!TryParseTime(e.Opens, out var opens) || !TryParseTime(e.Closes, out var closes))
            {
                throw new DomainException("Offering.Exception.Time.Invalid", $"exceptions[{i}]");
            }

            return ScheduleException.OpenOn(date, opens, closes, e.Note);
        }).ToList();
    }
}
