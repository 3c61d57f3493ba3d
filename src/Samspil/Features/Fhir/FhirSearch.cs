using System.Globalization;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Fhir;

/// <summary>A search request the API refuses (400 with an OperationOutcome): an unknown parameter, a malformed value.</summary>
public sealed class FhirSearchException(string message, string? parameter = null) : Exception(message)
{
    public string? Parameter { get; } = parameter;
}

/// <summary>One bound of a date search: <c>date=ge2026-01-01</c> is (ge, 2026-01-01 00:00 Copenhagen).</summary>
public sealed record FhirDateBound(string Prefix, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Whether an instant satisfies this bound (the FHIR prefixes against the value's precision range [Start, End)).</summary>
    public bool Matches(DateTimeOffset value) => Prefix switch
    {
        "eq" => value >= Start && value < End,
        "ne" => value < Start || value >= End,
        "gt" or "sa" => value >= End,
        "ge" => value >= Start,
        "lt" or "eb" => value < Start,
        "le" => value < End,
        _ => false,
    };

    /// <summary>Whether a day satisfies this bound.</summary>
    public bool Matches(DateOnly day) => Matches(CopenhagenTime.StartOfDayUtc(day));
}

/// <summary>
/// The parsed query of a FHIR search (docs/fhir-api.md): the result parameters the API handles itself (<c>_count</c>,
/// <c>_offset</c>, <c>_include</c>, <c>_id</c>) and the handler's own parameters, already checked against the ones it
/// declares. Values of a repeated parameter are AND-ed; a comma inside one value is OR.
/// </summary>
public sealed class FhirSearch
{
    public const int DefaultCount = 50;
    public const int MaxCount = 200;

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "_format", "_pretty", "_total" };
    private static readonly string[] Prefixes = ["eq", "ne", "gt", "lt", "ge", "le", "sa", "eb"];
    private readonly Dictionary<string, List<string>> _parameters;

    private FhirSearch(Dictionary<string, List<string>> parameters, int count, int offset, IReadOnlyList<string> includes, IReadOnlyList<string> ids)
    {
        _parameters = parameters;
        Count = count;
        Offset = offset;
        Includes = includes;
        Ids = ids;
    }

    /// <summary>Page size (<c>_count</c>, 1–200, default 50). <c>_count=0</c> is not supported (refused).</summary>
    public int Count { get; }

    /// <summary>How many matches to skip (<c>_offset</c>): the paging links carry it.</summary>
    public int Offset { get; }

    /// <summary>The requested <c>_include</c> values, checked against the handler's.</summary>
    public IReadOnlyList<string> Includes { get; }

    /// <summary><c>_id</c> values (OR), empty when not given.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The handler's own parameters as given, in the order of the query (for the self link).</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> Parameters =>
        _parameters.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, p.Value));

    public bool Has(string name) => _parameters.ContainsKey(name);

    /// <summary>The OR-values of a parameter given once (a comma-separated list); refused when given twice.</summary>
    public IReadOnlyList<string> Values(string name)
    {
        if (!_parameters.TryGetValue(name, out var values))
        {
            return [];
        }

        if (values.Count > 1)
        {
            throw new FhirSearchException($"The parameter '{name}' may be given only once (use a comma for OR).", name);
        }

        return [.. values[0].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0)];
    }

    /// <summary>The id of a reference parameter (<c>patient=Patient/{id}</c>, <c>patient={id}</c> or an absolute URL ending so); null when not given; refused when malformed.</summary>
    public Guid? ReferenceId(string name, string resourceType)
    {
        var values = Values(name);
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw new FhirSearchException($"The parameter '{name}' takes one reference.", name);
        }

        var value = values[0];
        var slash = value.LastIndexOf('/');
        if (slash >= 0)
        {
            var type = value[..slash];
            var typeStart = type.LastIndexOf('/');
            if (!string.Equals(typeStart >= 0 ? type[(typeStart + 1)..] : type, resourceType, StringComparison.Ordinal))
            {
                throw new FhirSearchException($"The parameter '{name}' must refer to a {resourceType}.", name);
            }

            value = value[(slash + 1)..];
        }

        return Guid.TryParse(value, out var id) ? id : throw new FhirSearchException($"The parameter '{name}' is not a {resourceType} id.", name);
    }

    /// <summary>The bounds of a date parameter (each repetition one bound, AND-ed); empty when not given.</summary>
    public IReadOnlyList<FhirDateBound> Dates(string name)
    {
        if (!_parameters.TryGetValue(name, out var values))
        {
            return [];
        }

        return [.. values.Select(v => ParseDate(name, v))];
    }

    /// <summary>Parses the query; refuses parameters the handler does not declare (FHIR's strict handling) and malformed result parameters.</summary>
    public static FhirSearch Parse(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query, IFhirResourceHandler handler)
    {
        var known = handler.SearchParameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var parameters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int count = DefaultCount, offset = 0;
        var includes = new List<string>();
        var ids = new List<string>();
        foreach (var (name, raw) in query)
        {
            foreach (var value in raw)
            {
                if (value is null || value.Length > 2_000 || value.Any(char.IsControl))
                {
                    throw new FhirSearchException($"The value of '{Safe(name)}' is not acceptable.", Safe(name));
                }

                switch (name)
                {
                    case "_count":
                        count = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= MaxCount
                            ? c
                            : throw new FhirSearchException($"_count must be a whole number from 1 to {MaxCount}.", "_count");
                        break;
                    case "_offset":
                        offset = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var o) && o is >= 0 and <= 1_000_000
                            ? o
                            : throw new FhirSearchException("_offset must be a whole number, 0 or more.", "_offset");
                        break;
                    case "_include":
                        includes.Add(handler.Includes.Contains(value, StringComparer.Ordinal)
                            ? value
                            : throw new FhirSearchException($"_include={Safe(value)} is not supported for {handler.ResourceType}.", "_include"));
                        break;
                    case "_id":
                        ids.AddRange(value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0));
                        break;
                    default:
                        if (Ignored.Contains(name))
                        {
                            break;
                        }

                        if (!known.Contains(name))
                        {
                            throw new FhirSearchException($"The search parameter '{Safe(name)}' is not supported for {handler.ResourceType}.", Safe(name));
                        }

                        if (!parameters.TryGetValue(name, out var list))
                        {
                            parameters[name] = list = [];
                        }

                        list.Add(value);
                        break;
                }
            }
        }

        return new FhirSearch(parameters, count, offset, includes, ids);
    }

    /// <summary>A copy of this search at another offset (the paging links).</summary>
    public string QueryAt(int offset)
    {
        var parts = new List<string>();
        foreach (var (name, values) in _parameters)
        {
            parts.AddRange(values.Select(v => $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(v)}"));
        }

        if (Ids.Count > 0)
        {
            parts.Add($"_id={Uri.EscapeDataString(string.Join(',', Ids))}");
        }

        parts.AddRange(Includes.Select(i => $"_include={Uri.EscapeDataString(i)}"));
        parts.Add($"_count={Count.ToString(CultureInfo.InvariantCulture)}");
        parts.Add($"_offset={offset.ToString(CultureInfo.InvariantCulture)}");
        return string.Join('&', parts);
    }

    private static FhirDateBound ParseDate(string name, string value)
    {
        var prefix = value.Length > 2 && Prefixes.Contains(value[..2], StringComparer.Ordinal) ? value[..2] : "eq";
        var text = prefix == "eq" && !value.StartsWith("eq", StringComparison.Ordinal) ? value : value[2..];
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new FhirDateBound(prefix, CopenhagenTime.StartOfDayUtc(day), CopenhagenTime.StartOfDayUtc(day.AddDays(1)));
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return new FhirDateBound(prefix, CopenhagenTime.StartOfDayUtc(month), CopenhagenTime.StartOfDayUtc(month.AddMonths(1)));
        }

        if (text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) && text.Contains('T', StringComparison.Ordinal))
        {
            return new FhirDateBound(prefix, instant, instant.AddSeconds(1));
        }

        throw new FhirSearchException($"The parameter '{name}' takes a date (YYYY-MM-DD, optionally prefixed eq, ne, gt, lt, ge, le).", name);
    }

    private static string Safe(string text) => text.Length > 60 ? text[..60] : text;
}
