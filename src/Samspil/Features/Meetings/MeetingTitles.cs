using Microsoft.Extensions.Localization;
using Samspil.Domain.Meetings;
using Samspil.Infrastructure.Localization;

namespace Samspil.Features.Meetings;

/// <summary>
/// Meeting titles Samspil generated. A meeting proposed from a step of a course model stores the step's title in the proposer's
/// language (Danish or English) together with the model's key and the step's number. Shown, that generated title is replaced by
/// the reader's text for the step, resource key <c>MeetingTitle.{model}.{step}</c> (the built-in course models, in all five
/// languages). A title a person wrote or changed, and the steps of a model an administrator added, are shown as written.
/// </summary>
public static class MeetingTitles
{
    public static string Display(IStringLocalizer localizer, Meeting meeting) =>
        Display(localizer, meeting.Title, meeting.TemplateKey, meeting.TemplateStep);

    public static string Display(IStringLocalizer localizer, string title, string? templateKey, int? templateStep)
    {
        if (templateKey is null || templateStep is not { } step)
        {
            return title;
        }

        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"MeetingTitle.{templateKey}.{step}");
        var text = localizer[key];
        if (text.ResourceNotFound)
        {
            return title;
        }

        // Still the generated title (in either language it may have been generated in)? Then the reader's own.
        var generated = localizer.In(SamspilCultures.Get("da"), key) == title || localizer.In(SamspilCultures.Get("en"), key) == title;
        return generated ? text.Value : title;
    }
}
