using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Offerings;

namespace Samspil.Features.Offerings.Admin;

/// <summary>
/// The offering form: the details, one row of hours per weekday, extra periods (a second period on a day, or
/// one past midnight), and dated exceptions. Empty rows are ignored; a row with only one of its times is an error
/// on that field.
/// </summary>
public sealed class OfferingForm
{
    public Guid? OrganizationId { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public OfferingStatus Status { get; set; }

    public List<string> TargetGroups { get; set; } = [];

    public List<string> Needs { get; set; } = [];

    public int? MinimumAge { get; set; }

    public int? MaximumAge { get; set; }

    public string? Eligibility { get; set; }

    public OfferingAccess Access { get; set; }

    public string? ReferralBy { get; set; }

    /// <summary>ISO 639-1 codes separated by commas or spaces ("da, en, ar").</summary>
    public string? Languages { get; set; }

    public bool InterpreterAvailable { get; set; }

    public bool IsFree { get; set; }

    public string? CostDescription { get; set; }

    public string? Street { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    /// <summary>Decimal degrees, with a point or a comma.</summary>
    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public List<string> Municipalities { get; set; } = [];

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Url { get; set; }

    public bool IsAfterHours { get; set; }

    public bool IsCrisis { get; set; }

    public bool AlwaysOpen { get; set; }

    public bool ClosedOnPublicHolidays { get; set; }

    public string? HoursNote { get; set; }

    /// <summary>Monday to Sunday, one row each.</summary>
    public List<DayRow> Days { get; set; } = [];

    public List<PeriodRow> Extra { get; set; } = [];

    public List<ExceptionRow> Exceptions { get; set; } = [];

    public string? Version { get; set; }

    public static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>A new offering's form: free, closed on public holidays. (Unticked boxes are not posted, so the bound form's defaults are false.)</summary>
    public static OfferingForm New(Guid? organizationId) => new() { OrganizationId = organizationId, IsFree = true, ClosedOnPublicHolidays = true };

    public static OfferingForm Of(Offering offering)
    {
        ArgumentNullException.ThrowIfNull(offering);
        var form = new OfferingForm
        {
            OrganizationId = offering.OrganizationId,
            Name = offering.Name,
            Description = offering.Description,
            Status = offering.Status,
            TargetGroups = offering.TargetGroups.ToList(),
            Needs = offering.Needs.ToList(),
            MinimumAge = offering.MinimumAge,
            MaximumAge = offering.MaximumAge,
            Eligibility = offering.Eligibility,
            Access = offering.Access,
            ReferralBy = offering.ReferralBy,
            Languages = string.Join(", ", offering.Languages),
            InterpreterAvailable = offering.InterpreterAvailable,
            IsFree = offering.IsFree,
            CostDescription = offering.CostDescription,
            Street = offering.Street,
            PostalCode = offering.PostalCode,
            City = offering.City,
            Latitude = offering.Latitude?.ToString(CultureInfo.InvariantCulture),
            Longitude = offering.Longitude?.ToString(CultureInfo.InvariantCulture),
            Municipalities = offering.Municipalities.ToList(),
            Phone = offering.Phone,
            Email = offering.Email,
            Url = offering.Url,
            IsAfterHours = offering.IsAfterHours,
            IsCrisis = offering.IsCrisis,
            AlwaysOpen = offering.AlwaysOpen,
            ClosedOnPublicHolidays = offering.ClosedOnPublicHolidays,
            HoursNote = offering.HoursNote,
            Version = OfferingDtos.VersionOf(offering),
        };
        foreach (var day in Week)
        {
            var first = offering.Periods.FirstOrDefault(p => p.Day == day);
            form.Days.Add(new DayRow { Day = day, Opens = first?.Opens, Closes = first?.Closes });
            form.Extra.AddRange(offering.Periods.Where(p => p.Day == day && p != first).Select(p => new PeriodRow { Day = day, Opens = p.Opens, Closes = p.Closes }));
        }

        form.Exceptions.AddRange(offering.Exceptions.Select(e => new ExceptionRow { Date = e.Date, Closed = e.Closed, Opens = e.Opens, Closes = e.Closes, Note = e.Note }));
        return form;
    }

    /// <summary>Seven day rows, and blank rows to fill in at the end of the extra periods and exceptions.</summary>
    public void Pad(int extraBlanks = 1, int exceptionBlanks = 1)
    {
        foreach (var day in Week.Where(d => Days.All(r => r.Day != d)))
        {
            Days.Add(new DayRow { Day = day });
        }

        Days = Days.Where(d => Week.Contains(d.Day)).DistinctBy(d => d.Day).OrderBy(d => Array.IndexOf(Week, d.Day)).ToList();
        for (var i = 0; i < extraBlanks; i++)
        {
            Extra.Add(new PeriodRow { Day = DayOfWeek.Monday });
        }

        for (var i = 0; i < exceptionBlanks; i++)
        {
            Exceptions.Add(new ExceptionRow());
        }
    }

    /// <summary>The API request, or null with errors on the fields of half-filled rows.</summary>
    public OfferingRequest? ToRequest(ModelStateDictionary modelState, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        var periods = new List<OfferingPeriodDto>();
        for (var i = 0; i < Days.Count; i++)
        {
            if (Pair(modelState, localizer, $"Form.Days[{i}]", Days[i].Opens, Days[i].Closes) is { } pair)
            {
                periods.Add(new OfferingPeriodDto(Days[i].Day, pair.Opens, pair.Closes));
            }
        }

        for (var i = 0; i < Extra.Count; i++)
        {
            if (Pair(modelState, localizer, $"Form.Extra[{i}]", Extra[i].Opens, Extra[i].Closes) is { } pair)
            {
                periods.Add(new OfferingPeriodDto(Extra[i].Day, pair.Opens, pair.Closes));
            }
        }

        var exceptions = new List<OfferingExceptionDto>();
        for (var i = 0; i < Exceptions.Count; i++)
        {
            var row = Exceptions[i];
            if (row.Date is not { } date)
            {
                if (row.Opens is not null || row.Closes is not null || row.Closed || !string.IsNullOrWhiteSpace(row.Note))
                {
                    modelState.AddModelError($"Form.Exceptions[{i}].Date", localizer["OfferingAdmin.Exception.DateMissing"]);
                }

                continue;
            }

            var iso = date.ToString(OfferingDtos.DateFormat, CultureInfo.InvariantCulture);
            if (row.Closed)
            {
                exceptions.Add(new OfferingExceptionDto(iso, true, null, null, row.Note));
            }
            else if (Pair(modelState, localizer, $"Form.Exceptions[{i}]", row.Opens, row.Closes, requireOne: true) is { } pair)
            {
                exceptions.Add(new OfferingExceptionDto(iso, false, pair.Opens, pair.Closes, row.Note));
            }
        }

        var latitude = Coordinate(modelState, localizer, "Form.Latitude", Latitude);
        var longitude = Coordinate(modelState, localizer, "Form.Longitude", Longitude);
        if (!modelState.IsValid)
        {
            return null;
        }

        var languages = (Languages ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new OfferingRequest(
            OrganizationId, Name, Description, Status, TargetGroups, Needs, MinimumAge, MaximumAge, Eligibility, Access, ReferralBy, languages,
            InterpreterAvailable, IsFree, CostDescription, Street, PostalCode, City, latitude, longitude, Municipalities, Phone, Email, Url,
            IsAfterHours, IsCrisis, AlwaysOpen, ClosedOnPublicHolidays, HoursNote, AlwaysOpen ? [] : periods, exceptions);
    }

    private static (string Opens, string Closes)? Pair(ModelStateDictionary modelState, IStringLocalizer localizer, string prefix, TimeOnly? opens, TimeOnly? closes, bool requireOne = false)
    {
        if (opens is { } o && closes is { } c)
        {
            return (OfferingDtos.Format(o), OfferingDtos.Format(c));
        }

        if (opens is null && closes is null && !requireOne)
        {
            return null;
        }

        // A time the binder could not read already has its message.
        bool HasError(string key) => modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
        if (!HasError(prefix + ".Opens") && !HasError(prefix + ".Closes"))
        {
            modelState.AddModelError(prefix + (opens is null ? ".Opens" : ".Closes"), localizer["OfferingAdmin.Period.BothTimes"]);
        }

        return null;
    }

    private static decimal? Coordinate(ModelStateDictionary modelState, IStringLocalizer localizer, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        modelState.AddModelError(field, localizer["OfferingAdmin.Coordinate.Invalid"]);
        return null;
    }
}

public sealed class DayRow
{
    public DayOfWeek Day { get; set; }

    public TimeOnly? Opens { get; set; }

    public TimeOnly? Closes { get; set; }
}

public sealed class PeriodRow
{
    public DayOfWeek Day { get; set; }

    public TimeOnly? Opens { get; set; }

    public TimeOnly? Closes { get; set; }
}

public sealed class ExceptionRow
{
    public DateOnly? Date { get; set; }

    public bool Closed { get; set; }

    public TimeOnly? Opens { get; set; }

    public TimeOnly? Closes { get; set; }

    public string? Note { get; set; }
}
