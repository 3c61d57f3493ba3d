using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Samspil.Features.Shared;

namespace Samspil.Features.MasterData;

/// <summary>What became of a correction sent from a page.</summary>
public enum CorrectionOutcome
{
    /// <summary>Saved: the page redirects back to the course.</summary>
    Saved,

    /// <summary>The thing is gone or no longer the user's to correct: 404.</summary>
    NotFound,

    /// <summary>Refused with errors in the model state (a stale version included): the form is shown again.</summary>
    Refused,
}

/// <summary>The save step the master-data correction pages share.</summary>
public static class CorrectionForm
{
    public static async Task<CorrectionOutcome> SaveAsync<T>(ModelStateDictionary modelState, IStringLocalizer localizer, Func<Task<T?>> save)
        where T : class
    {
        T? saved = null;
        try
        {
            if (await PageErrors.TryAsync(modelState, localizer, async () => saved = await save()))
            {
                return saved is null ? CorrectionOutcome.NotFound : CorrectionOutcome.Saved;
            }
        }
        catch (MasterDataVersionConflictException)
        {
            modelState.AddModelError(string.Empty, localizer["MasterData.Conflict.Page"]);
        }

        return CorrectionOutcome.Refused;
    }
}
