using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;

namespace Samspil.Infrastructure.ErrorHandling;

/// <summary>
/// Rules every API request meets before a handler sees it, so that no handler has to guard against
/// them one by one: JSON is UTF-8 (RFC 8259 §8.1), dates lie in a plausible range (date arithmetic at
/// 0001-01-01 or 9999-12-31 overflows), and lists in a JSON body hold no nulls.
/// </summary>
public static class InputLimits
{
    /// <summary>The earliest date the API accepts (older than any living citizen's birth date).</summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1);

    /// <summary>The latest date the API accepts (far beyond any consent, plan or meeting).</summary>
    public static readonly DateOnly MaxDate = new(2199, 12, 31);

    public static bool IsPlausible(DateOnly date) => date >= MinDate && date <= MaxDate;

    public static bool IsPlausible(DateTimeOffset instant) => IsPlausible(DateOnly.FromDateTime(instant.UtcDateTime));

    public static bool IsPlausible(DateTime instant) => IsPlausible(DateOnly.FromDateTime(instant));

    /// <summary>
    /// A System.Text.Json contract modifier: after a request object is read, its dates must be plausible and
    /// its lists must not contain null. A violation is a <see cref="JsonException"/>, which the framework turns
    /// into 400 like any other malformed body. The schema in the OpenAPI document is unchanged.
    /// </summary>
    public static void RejectImplausibleValues(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var checks = typeInfo.Properties.Where(p => p.Get is not null && NeedsCheck(p.PropertyType)).ToList();
        if (checks.Count == 0)
        {
            return;
        }

        var previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            foreach (var property in checks)
            {
                Check(property.Name, property.Get!(value));
            }

            previous?.Invoke(value);
        };
    }

    private static bool NeedsCheck(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(DateOnly) || underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime)
            || (underlying != typeof(string) && typeof(IEnumerable).IsAssignableFrom(underlying) && !typeof(IDictionary).IsAssignableFrom(underlying));
    }

    private static void Check(string name, object? value)
    {
        switch (value)
        {
            case null or string:
                return;
            case DateOnly date when !IsPlausible(date):
            case DateTimeOffset instant when !IsPlausible(instant):
            case DateTime time when !IsPlausible(time):
                throw new JsonException($"The date in '{name}' is outside 1900-01-01..2199-12-31.");
            case IEnumerable items:
                foreach (var item in items)
                {
                    if (item is null)
                    {
                        throw new JsonException($"The list '{name}' contains null.");
                    }

                    Check(name, item);
                }

                return;
        }
    }

    /// <summary>
    /// Refuses, before routing reaches a handler, an API request whose JSON body is not UTF-8 (415) or whose
    /// query string carries a date outside the plausible range (400 with the parameter named).
    /// </summary>
    public static async Task CheckRequestAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
                && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
                && type.Charset.HasValue
                && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                && !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadHttpRequestException("JSON must be UTF-8.", StatusCodes.Status415UnsupportedMediaType);
            }

            ValidationErrors? errors = null;
            foreach (var (key, values) in request.Query)
            {
                foreach (var value in values)
                {
                    if (IsImplausibleDate(value))
                    {
                        (errors ??= new ValidationErrors()).Add(key, "Input.Date.OutOfRange");
                        break;
                    }
                }
            }

            if (errors is not null)
            {
                throw new InputValidationException(errors);
            }
        }

        await next(context);
    }

    private static bool IsImplausibleDate(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 10 || !char.IsAsciiDigit(value[0]) || value[4] != '-')
        {
            return false;
        }

        if (value.Length == 10)
        {
            return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && !IsPlausible(date);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) && !IsPlausible(instant);
    }
}
