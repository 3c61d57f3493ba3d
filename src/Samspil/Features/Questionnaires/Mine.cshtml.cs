using System.Globalization;
using Samspil.Features.Me;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Questionnaires;

/// <summary>"Mine spørgeskemaer": the questionnaires the citizen has been asked to fill in, and their own answers and results in plain words.</summary>
public sealed class MyQuestionnairesModel(CurrentUser user, QuestionnaireAnswering questionnaires) : MePage(user)
{
    public MyQuestionnairesView Mine { get; private set; } = new([], [], []);

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Mine = await questionnaires.GetMineAsync(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
}
