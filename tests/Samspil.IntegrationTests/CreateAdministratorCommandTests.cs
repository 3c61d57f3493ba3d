using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Domain.Directory;
using Samspil.Features.Account;
using Samspil.Infrastructure.Security;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// <c>create-admin</c>, the command an IT department runs on an empty production database: the command's own code
/// path on each provider, then the printed link followed through the test identity provider as the new
/// administrator would.
/// </summary>
public abstract partial class CreateAdministratorCommandTests(SamspilFactory factory, TestIdentityProvider idp)
{
    [Fact]
    public async Task The_command_creates_the_organisation_and_an_administrator_whose_link_activates_the_account_through_the_identity_provider()
    {
        var organization = "Region Prøvested " + Guid.NewGuid().ToString("N")[..8];
        var userName = "admin." + Guid.NewGuid().ToString("N")[..8];

        var (exit, output, error) = await RunAsync(
            "create-admin", "--organization", organization, "--sector", "Region", "--user-name", userName, "--name", "Rikke Førstevalg", "--email", "rikke@region.example");

        Assert.True(exit == 0, error);
        Assert.Empty(error);
        var created = await factory.WithDbAsync(async db =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Name == organization);
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            return (org, user);
        });
        Assert.Equal((Sector.Region, OrganizationKind.Region, (Guid?)null), (created.org.Sector, created.org.Kind, created.org.PartOfId));
        Assert.Equal(created.org.Id, created.user.OrganizationId);
        Assert.Equal(("Rikke Førstevalg", "rikke@region.example"), (created.user.DisplayName, created.user.Email));
        Assert.Null(created.user.PasswordHash); // no password: the account is reached through the link only
        var logged = await factory.WithDbAsync(db => db.AdministrationLog.Where(e => e.TargetUserId == created.user.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([Samspil.Features.Administration.AdministrationAction.AccountCreated, Samspil.Features.Administration.AdministrationAction.AccountInvited], logged.Order());
        Assert.Contains($"Organisation '{organization}' (Region, Region) created: {created.org.Id}", output, StringComparison.Ordinal);
        var link = ActivationLink().Match(output);
        Assert.True(link.Success, output);
        Assert.StartsWith("http://localhost:5000/Account/Activate?code=", link.Value, StringComparison.Ordinal);

        // The person opens the link and signs in with the organisation's identity provider.
        idp.NextIdentity = new TestIdentity("first-admin-" + Guid.NewGuid().ToString("N"));
        using var browser = new OidcBrowser(factory, idp);
        var activate = await browser.GetAsync(new Uri(link.Value).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
        await browser.FollowAsync(OidcBrowser.ButtonHref(await activate.Content.ReadAsStringAsync(), "Region Test-IdP"));
        Assert.Contains(browser.Visited, uri => uri.AbsolutePath == "/signin-oidc-region");
        var me = await browser.MeAsync();
        Assert.NotNull(me);
        Assert.Equal(created.user.Id, me.Value.GetProperty("userId").GetGuid());
        Assert.Equal(created.org.Id, me.Value.GetProperty("organizationId").GetGuid());
        Assert.Equal(["Administrator"], me.Value.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());

        // The link is used up.
        using var again = new OidcBrowser(factory, idp);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync(new Uri(link.Value).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task A_second_administrator_joins_an_existing_organisation_by_name_or_by_id()
    {
        var organization = "Kommune Prøvested " + Guid.NewGuid().ToString("N")[..8];
        var first = await RunAsync("create-admin", "--organization", organization, "--sector", "municipality", "--user-name", "a." + Guid.NewGuid().ToString("N")[..8], "--name", "Første");
        Assert.True(first.Exit == 0, first.Error);
        var id = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == organization).Select(o => o.Id).SingleAsync());

        var byName = await RunAsync("create-admin", "--organization", organization, "--user-name", "b." + Guid.NewGuid().ToString("N")[..8], "--name", "Anden");
        var byId = await RunAsync("create-admin", $"--organization-id={id}", "--user-name", "c." + Guid.NewGuid().ToString("N")[..8], "--name", "Tredje");

        Assert.True(byName.Exit == 0, byName.Error);
        Assert.Contains($"Organisation '{organization}' exists: {id}", byName.Output, StringComparison.Ordinal);
        Assert.True(byId.Exit == 0, byId.Error);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Organizations.CountAsync(o => o.Name == organization)));
        Assert.Equal(3, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.OrganizationId == id)));
        Assert.Equal(OrganizationKind.Municipality, await factory.WithDbAsync(db => db.Organizations.Where(o => o.Id == id).Select(o => o.Kind).SingleAsync()));
    }

    public static TheoryData<string[], string> RefusedInput => new()
    {
        { ["create-admin", "--organization", "X", "--sector", "Region", "--name", "No Login"], "--user-name and --name are required" },
        { ["create-admin", "--organization", "X", "--sector", "Region", "--user-name", "ok.name", "--name"], "--name needs a value" },
        { ["create-admin", "--organization", "X", "--sector", "Planet", "--user-name", "ok.name", "--name", "N"], "--sector is one of Region, Municipality" },
        { ["create-admin", "--organization", "X", "--sector", "1", "--user-name", "ok.name", "--name", "N"], "--sector is one of" },
        { ["create-admin", "--organization", "X", "--sector", "State", "--user-name", "ok.name", "--name", "N"], "to create it in the sector State, give --kind" },
        { ["create-admin", "--organization", "X", "--sector", "Region", "--kind", "Castle", "--user-name", "ok.name", "--name", "N"], "--kind is one of" },
        { ["create-admin", "--organization", "X", "--user-name", "ok.name", "--name", "N"], "to create it, give --sector" },
        { ["create-admin", "--user-name", "ok.name", "--name", "N"], "give either --organization or --organization-id" },
        { ["create-admin", "--organization", "X", "--organization-id", "6f1e2d3c-0000-0000-0000-000000000001", "--user-name", "ok.name", "--name", "N"], "give either --organization or --organization-id" },
        { ["create-admin", "--organization-id", "not-a-guid", "--user-name", "ok.name", "--name", "N"], "--organization-id is not an id" },
        { ["create-admin", "--organization-id", "6f1e2d3c-0000-0000-0000-000000000001", "--user-name", "ok.name", "--name", "N"], "there is no organisation with id" },
        { ["create-admin", "--organization", "X", "--sector", "Region", "--user-name", "bad name; drop", "--name", "N"], "--user-name is letters, digits" },
        { ["create-admin", "--organization", "X", "--sector", "Region", "--user-name", "ok.name", "--name", "N", "--email", "not-mail"], "--email is not an e-mail address" },
        { ["create-admin", "--organization", "X", "--sector", "Region", "--user-name", "ok.name", "--name", new string('n', 201)], "--name is at most 200" },
        { ["create-admin", "--organization", new string('o', 201), "--sector", "Region", "--user-name", "ok.name", "--name", "N"], "the organisation was refused" },
        { ["create-admin", "--organization", "X", "--sector", "Region", "--user-name", "ok.name", "--name", "N", "--password", "x"], "unknown option --password" },
        { ["create-admin", "--organization", "X", "--organization", "Y", "--sector", "Region", "--user-name", "ok.name", "--name", "N"], "--organization is given twice" },
    };

    [Theory]
    [MemberData(nameof(RefusedInput))]
    public async Task Bad_input_is_refused_on_stderr_with_exit_code_1_and_nothing_written(string[] args, string message)
    {
        var before = await CountsAsync();

        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(CreateAdministratorCommand.Refused, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Activate?code=", output + error, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_existing_user_name_is_refused_and_nothing_is_written_not_even_the_new_organisation()
    {
        var before = await CountsAsync();

        var (exit, output, error) = await RunAsync("create-admin", "--organization", "Ny Region " + Guid.NewGuid().ToString("N")[..6], "--sector", "Region", "--user-name", "admin.odense", "--name", "Someone Else");

        Assert.Equal(CreateAdministratorCommand.Refused, exit);
        Assert.Contains("the user name 'admin.odense' is already taken; nothing was changed.", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task The_command_line_keeps_its_own_options_out_of_the_settings_and_passes_the_rest_on()
    {
        string[] args = ["create-admin", "--organization", "Region Syddanmark", "--name=Ann", "--user-name", "ann", "--Database:Provider=Postgres", "--email", "a@b.dk"];
        Assert.Equal(["--Database:Provider=Postgres"], CreateAdministratorCommand.HostArguments(args));
        Assert.Equal(["--Database:Provider=Postgres"], CreateAdministratorCommand.HostArguments(["--Database:Provider=Postgres", "create-admin", "--user-name=ann"]));
        Assert.True(CreateAdministratorCommand.IsRequested(["--Database:Provider=Postgres", "create-admin"]));
        Assert.False(CreateAdministratorCommand.IsRequested(["verify-access-log"]));
        Assert.Contains(CreateAdministratorCommand.Command, Samspil.Infrastructure.CommandLine.CommandLineHelp.Text, StringComparison.Ordinal);
    }

    private Task<(int Organizations, int Users, int Invitations)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.Organizations.CountAsync(), await db.Users.CountAsync(), await db.StaffInvitations.CountAsync()));

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CreateAdministratorCommand.RunAsync(factory.Services, args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"https?://\S+/Account/Activate\?code=\S+")]
    private static partial Regex ActivationLink();
}

public sealed class CreateAdministratorCommandTestsOnSqlite(OidcSqliteFactory factory) : CreateAdministratorCommandTests(factory, factory.IdentityProvider), IClassFixture<OidcSqliteFactory>;

public sealed class CreateAdministratorCommandTestsOnPostgres(OidcPostgresFactory factory) : CreateAdministratorCommandTests(factory, factory.IdentityProvider), IClassFixture<OidcPostgresFactory>;
