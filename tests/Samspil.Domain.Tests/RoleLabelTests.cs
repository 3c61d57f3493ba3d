using Samspil.Domain.Directory;

namespace Samspil.Domain.Tests;

public sealed class RoleLabelTests
{
    [Fact]
    public void A_title_that_already_names_the_organisation_is_not_followed_by_it_again()
    {
        Assert.Equal("Psykolog, Traumeklinikken Odense", RoleLabel.Format("Psykolog, Traumeklinikken Odense", "Traumeklinikken Odense"));
        Assert.Equal("Overlæge, traumeklinikken Vejle", RoleLabel.Format("Overlæge, traumeklinikken Vejle ", "Traumeklinikken Vejle"));
    }

    [Fact]
    public void A_plain_title_is_followed_by_its_organisation()
    {
        Assert.Equal("Sagsbehandler, Jobcenter Odense", RoleLabel.Format("Sagsbehandler", "Jobcenter Odense"));
        Assert.Equal("Jobcenter Odense", RoleLabel.Format(null, "Jobcenter Odense"));
        Assert.Equal("Sagsbehandler", RoleLabel.Format("Sagsbehandler", null));
    }
}
