using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;

namespace Samspil.Infrastructure.ErrorHandling;

/// <summary>
/// Collects input errors as (field, code) so the API can answer with one validation problem
/// listing every fault, and a form can show each message beside its field.
/// </summary>
public sealed class ValidationErrors
{
    private readonly List<(string Field, string Code)> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public IReadOnlyList<(string Field, string Code)> All => _errors;

    public void Add(string field, string code) => _errors.Add((field, code));

    public void Required(string field, string? value, string code)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, code);
        }
    }

    public void Required<T>(string field, T? value, string code)
        where T : struct
    {
        if (value is null)
        {
            Add(field, code);
        }
    }

    public Dictionary<string, string[]> ToDictionary(IStringLocalizer localizer) =>
        _errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => localizer.Message(e.Code)).ToArray(), StringComparer.Ordinal);
}

/// <summary>Thrown by feature services when input is invalid; mapped to a 400 validation problem.</summary>
public sealed class InputValidationException(ValidationErrors errors) : Exception("Input validation failed")
{
    public ValidationErrors Errors { get; } = errors;
}
