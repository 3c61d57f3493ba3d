using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Samspil.Infrastructure.Localization;

namespace Samspil.Infrastructure.Forms;

/// <summary>
/// Binds DateOnly, TimeOnly, DateTime and DateTimeOffset (and their nullable forms) on Razor pages from the
/// Danish formats in <see cref="DanishDates"/>. A value that is not a date gets a readable message on its own
/// field, and the typed text stays in ModelState so the form shows it again. Minimal API endpoints do not
/// use MVC model binding, so the JSON API stays ISO 8601.
/// </summary>
public sealed class DanishDateModelBinder(Type type) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            // An empty field is "no value": null for a nullable type, left to the page's own check otherwise.
            if (Nullable.GetUnderlyingType(bindingContext.ModelType) is not null)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, Localizer(bindingContext)["Problem.Required"]);
                bindingContext.Result = ModelBindingResult.Failed();
            }

            return Task.CompletedTask;
        }

        object? value = null;
        var ok = type == typeof(DateOnly) ? Try(DanishDates.TryParseDate(text, out var d), d, ref value)
            : type == typeof(TimeOnly) ? Try(DanishDates.TryParseTime(text, out var t), t, ref value)
            : type == typeof(DateTime) ? Try(DanishDates.TryParseDateTime(text, out var dt), dt, ref value)
            : Try(DanishDates.TryParseDateTimeOffset(text, out var dto), dto, ref value);
        if (ok)
        {
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }

        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, Localizer(bindingContext)[type == typeof(TimeOnly) ? FormMessages.TimeInvalid : FormMessages.DateInvalid]);
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }

    private static IStringLocalizer Localizer(ModelBindingContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static bool Try<T>(bool parsed, T parsedValue, ref object? value)
    {
        value = parsedValue;
        return parsed;
    }
}

/// <summary>Picks <see cref="DanishDateModelBinder"/> for date and time types bound from a form, query or route.</summary>
public sealed class DanishDateModelBinderProvider : IModelBinderProvider
{
    private static readonly Type[] Supported = [typeof(DateOnly), typeof(TimeOnly), typeof(DateTime), typeof(DateTimeOffset)];

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.BindingInfo.BindingSource == BindingSource.Body)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return Array.IndexOf(Supported, type) >= 0 ? new DanishDateModelBinder(type) : null;
    }
}

/// <summary>Resource keys of the form messages (citizen-facing: translated into every language).</summary>
public static class FormMessages
{
    public const string DateInvalid = "Form.DateInvalid";
    public const string TimeInvalid = "Form.TimeInvalid";
    public const string DateHint = "Form.DateHint";
    public const string TimeHint = "Form.TimeHint";
    public const string Required = "Form.Required";
    public const string SummaryOne = "Form.ErrorSummary.One";
    public const string SummaryMany = "Form.ErrorSummary.Many";
    public const string TitlePrefix = "Form.TitlePrefix";
}
