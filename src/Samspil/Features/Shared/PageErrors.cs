using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Shared;

/// <summary>Shows the same validation and rule errors that the API returns as problem details, as Danish form messages.</summary>
public static class PageErrors
{
    public static void Add(ModelStateDictionary modelState, Exception exception, IStringLocalizer localizer)
    {
        switch (exception)
        {
            case InputValidationException invalid:
                foreach (var (field, code) in invalid.Errors.All)
                {
                    modelState.AddModelError(field, localizer.Message(code));
                }

                break;
            case DomainException domain:
                modelState.AddModelError(domain.Field ?? string.Empty, localizer.Message(domain.Code));
                break;
            default:
                throw exception;
        }
    }

    /// <summary>
    /// Replaces the framework's (English, technical) model-binding errors — an impossible date, an
    /// unknown option in a tampered form — with the readable "invalid value" message on the same field.
    /// Call first in a POST handler; afterwards <c>ModelState.IsValid</c> tells whether binding failed.
    /// </summary>
    public static void LocalizeBindingErrors(ModelStateDictionary modelState, IStringLocalizer localizer)
    {
        var invalid = modelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToList();
        modelState.Clear();
        foreach (var key in invalid)
        {
            modelState.AddModelError(key, localizer["Problem.InvalidValue"]);
        }
    }

    /// <summary>Runs a command; expected errors become form messages and the method returns false.</summary>
    public static async Task<bool> TryAsync(ModelStateDictionary modelState, IStringLocalizer localizer, Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception ex) when (ex is InputValidationException or DomainException)
        {
            Add(modelState, ex, localizer);
            return false;
        }
    }
}
