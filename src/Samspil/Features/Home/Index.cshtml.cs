using Samspil.Features.Me;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Home;

/// <summary>"Forside": the citizen's and proxy's start page (where "/" sends them).</summary>
public sealed class HomeModel(HomeService home, CurrentUser user) : MePage(user)
{
    public CitizenHomeView Home { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Home = await home.GetAsync(cancellationToken);
}
