using Samspil.Domain.Citizens;
using Samspil.Domain.Common;
using Samspil.Domain.Directory;

namespace Samspil.Domain.Tests;

public sealed class CitizenTests
{
    private static readonly CprNumber Cpr = CprNumber.Parse("010158-5000", new DateOnly(2026, 1, 1));

    [Fact]
    public void An_interpreter_needs_a_language()
    {
        var ex = Assert.Throws<DomainException>(() => Register(Details() with { InterpreterNeeded = true, InterpreterLanguage = null }));
        Assert.Equal("Citizen.InterpreterLanguage.Required", ex.Code);
        Assert.Equal("interpreterLanguage", ex.Field);
    }

    [Fact]
    public void Without_an_interpreter_the_interpreter_language_is_cleared()
    {
        var citizen = Register(Details() with { InterpreterNeeded = false, InterpreterLanguage = "ar" });
        Assert.Null(citizen.InterpreterLanguage);
    }

    [Theory]
    [InlineData("Arabic")]
    [InlineData("a")]
    [InlineData("d'a")]
    public void Languages_are_iso_codes(string language)
    {
        Assert.Equal("Citizen.Language.Format", Assert.Throws<DomainException>(() => Register(Details() with { PreferredLanguage = language })).Code);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    public void Email_must_look_like_an_address(string email)
    {
        Assert.Equal("Citizen.Email.Format", Assert.Throws<DomainException>(() => Register(Details() with { Email = email })).Code);
    }

    [Fact]
    public void Names_are_trimmed_and_limited()
    {
        Assert.Equal("Ahmad", Register(Details() with { GivenName = "  Ahmad " }).GivenName);
        Assert.Equal("Citizen.GivenName.TooLong", Assert.Throws<DomainException>(() => Register(Details() with { GivenName = new string('x', 101) })).Code);
        Assert.Equal("Citizen.FamilyName.Required", Assert.Throws<DomainException>(() => Register(Details() with { FamilyName = "\t" })).Code);
    }

    [Fact]
    public void Only_municipal_units_can_be_an_entry_point()
    {
        var ex = Assert.Throws<DomainException>(() => Organization.Create(
            new OrganizationDetails("Traumeklinik", Sector.Region, OrganizationKind.TraumaClinic, EntryPointFor: ["ptsd-refugee"]), Guid.NewGuid()));
        Assert.Equal("Organization.EntryPoint.MunicipalityOnly", ex.Code);
    }

    [Theory]
    [InlineData("PTSD refugees")]
    [InlineData("-leading")]
    [InlineData("æøå")]
    public void Target_group_codes_are_simple_slugs(string code)
    {
        Assert.Equal("TargetGroup.Code.Format", Assert.Throws<DomainException>(() => TargetGroup.Create(code, "Navn", "Name", null, 1)).Code);
    }

    private static Citizen Register(CitizenDetails details) => Citizen.Register(details, null, DateTimeOffset.UnixEpoch);

    private static CitizenDetails Details() => new("Ahmad", "Demo", Cpr, "fa", true, "fa", "+45 20 00 00 00", "a@example.org", "Vej 1");
}
