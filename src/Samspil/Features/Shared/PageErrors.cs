using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Samspil.Domain.Common;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Forms;
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
        // The entries stay (only their errors are replaced), so the typed text comes back in the form.
        string[] readable = [localizer[FormMessages.DateInvalid], localizer[FormMessages.TimeInvalid], localizer["Problem.Required"]];
        foreach (var (key, entry) in modelState.ToList())
        {
            if (entry is null)
            {
                continue;
            }

            if (entry.Errors.Count == 0)
            {
                if (entry.ValidationState == ModelValidationState.Unvalidated)
                {
                    modelState.MarkFieldValid(key);
                }

                continue;
            }

            var messages = entry.Errors.Select(e => e.ErrorMessage).Where(m => readable.Contains(m, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            entry.Errors.Clear();
            foreach (var message in messages.Count > 0 ? messages : [localizer["Problem.InvalidValue"].Value])
            {
                modelState.AddModelError(key, message);
            }
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
