using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Features.Administration;
using Samspil.Features.Meetings.Calendar;
using Samspil.Features.Notifications;
using Samspil.IntegrationTests.Infrastructure;

namespace Samspil.IntegrationTests;

/// <summary>
/// Issue 14: an organisation's administrator keeps the staff accounts of their own organisation tree —
/// invites (with an e-mailed activation link), changes, deactivates and reactivates them — and every
/// change is in the administration log. Accounts outside the tree do not exist for them.
/// The demo's admin.traume administers the trauma clinic and its Odense and Vejle clinics.
/// </summary>
public abstract class AccountAdministrationTests(SamspilFactory factory)
{
    private const string Admin = "admin.traume";

    [Fact]
    public async Task An_invitation_creates_the_account_queues_the_activation_mail_and_its_link_opens_the_activation_page()
    {
        using var admin = await factory.ClientForAsync(Admin);
        var clinicId = await OrganizationIdAsync("Traumeklinikken Odense");
        var response = await admin.PostAsJsonAsync("/api/v1/accounts", Invitation("Sofie Testesen", "sofie.testesen@example.dk", clinicId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var invited = await response.Content.ReadFromJsonAsync<JsonElement>();
        var account = invited.GetProperty("account");
        var userId = account.GetProperty("id").GetGuid();
        Assert.Equal("Invited", account.GetProperty("status").GetString());
        Assert.Equal(["Professional"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var unit = Assert.Single(account.GetProperty("units").EnumerateArray());
        Assert.Equal("Traumeklinikken Odense", unit.GetProperty("organizationName").GetString());
        Assert.Equal("Psykolog", unit.GetProperty("title").GetString());

        // The person is in the directory as a professional of that clinic, and in the administrator's list.
        var professionalId = account.GetProperty("professionalId").GetGuid();
        Assert.True(await factory.WithDbAsync(db => db.PractitionerRoles.AnyAsync(r => r.ProfessionalId == professionalId && r.OrganizationId == clinicId && r.Active)));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounts?status=Invited&search=Testesen");
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("id").GetGuid() == userId);

        // The activation mail waits in the outbox; the database holds the code only encrypted.
        var link = invited.GetProperty("invitation").GetProperty("activationUrl").GetString()!;
        var code = Uri.UnescapeDataString(link[(link.IndexOf("code=", StringComparison.Ordinal) + 5)..]);
        var invitationId = invited.GetProperty("invitation").GetProperty("invitationId").GetGuid();
        var message = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.DeduplicationKey == "account-invitation:" + invitationId.ToString("N")));
        Assert.Equal(OutboxTopics.AccountInvitationMail, message.Topic);
        Assert.DoesNotContain(code, message.Payload, StringComparison.Ordinal);

        var mail = new CapturingSender();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(DeliveryOutcome.Sent, await scope.ServiceProvider.GetRequiredService<OutboxDeliveries>().DeliverAsync(message, mail, CancellationToken.None));
        }

        var sent = Assert.Single(mail.Sent);
        Assert.Equal("sofie.testesen@example.dk", Assert.Single(sent.To).Address);
        Assert.Contains(link, sent.TextBody, StringComparison.Ordinal);

        using var anonymous = factory.CreateClient();
        var activation = await anonymous.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, activation.StatusCode);

        var entries = await LogForAsync(userId);
        var adminId = await UserIdAsync(Admin);
        Assert.Contains(entries, e => e.Action == AdministrationAction.AccountCreated && e.ActorUserId == adminId && e.TargetName == "Sofie Testesen");
        Assert.Contains(entries, e => e.Action == AdministrationAction.AccountInvited && e.ActorUserId == adminId);
        Assert.All(entries, e => Assert.Equal(clinicId, e.OrganizationId));

        // A new invitation replaces the old: the first link no longer opens the page, and its mail is not sent.
        var resend = await admin.PostAsync($"/api/v1/accounts/{userId}/resend-invitation", null);
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(link).PathAndQuery)).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(DeliveryOutcome.InvitationClosed, await scope.ServiceProvider.GetRequiredService<OutboxDeliveries>().DeliverAsync(message, mail, CancellationToken.None));
        }

        Assert.Equal(2, (await LogForAsync(userId)).Count(e => e.Action == AdministrationAction.AccountInvited));
    }

    [Fact]
    public async Task A_change_of_roles_ends_the_persons_sessions_and_is_logged_with_old_and_new_roles()
    {
        var token = await TokenAsync("socialraadgiver.traume");
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(token)).StatusCode);
        using var admin = await factory.ClientForAsync(Admin);
        var userId = await UserIdAsync("socialraadgiver.traume");
        var (account, etag) = await GetAsync(admin, userId);

        var body = Change(account, roles: ["Professional", "Administrator"]);
        var response = await PutAsync(admin, userId, etag, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag?.Tag);
        var changed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Administrator", "Professional"], changed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token)).StatusCode);
        var entry = Assert.Single(await LogForAsync(userId), e => e.Action == AdministrationAction.RolesChanged);
        Assert.Equal("roles: Professional → Administrator, Professional", entry.Details);
        Assert.Equal(await UserIdAsync(Admin), entry.ActorUserId);
    }

    [Fact]
    public async Task The_manager_role_is_given_and_removed_like_any_role_logged_and_opens_only_the_steering_figures()
    {
        using var admin = await factory.ClientForAsync(Admin);
        var userId = await UserIdAsync("behandler.odense");
        static async Task<HashSet<Guid>> CoursesOfAsync(HttpClient client) =>
            (await client.GetFromJsonAsync<JsonElement>("/api/v1/courses?includeEnded=true")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToHashSet();
        HashSet<Guid> asProfessional;
        using (var before = await factory.ClientForAsync("behandler.odense"))
        {
            asProfessional = await CoursesOfAsync(before);
        }

        var (account, etag) = await GetAsync(admin, userId);
        var given = await PutAsync(admin, userId, etag, Change(account, roles: ["Professional", "Manager"], email: "mette.manager@example.dk"));
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.Equal(["Manager", "Professional"], (await given.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // Signed in again, the psychologist sees the Odense clinic's figures, and still exactly her own courses.
        factory.ForgetSignIns();
        using var manager = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/reports/dashboard")).StatusCode);
        var options = await manager.GetFromJsonAsync<JsonElement>("/api/v1/reports/dashboard/options");
        Assert.Equal(["Traumeklinikken Odense"], options.GetProperty("organizations").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.NotEmpty(asProfessional);
        Assert.True(asProfessional.SetEquals(await CoursesOfAsync(manager)));

        var (changed, etag2) = await GetAsync(admin, userId);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(admin, userId, etag2, Change(changed, roles: ["Professional"], email: "mette.manager@example.dk"))).StatusCode);
        factory.ForgetSignIns();
        using var again = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/api/v1/reports/dashboard")).StatusCode);

        var entries = (await LogForAsync(userId)).Where(e => e.Action == AdministrationAction.RolesChanged).Select(e => e.Details).ToList();
        Assert.Contains("roles: Professional → Manager, Professional", entries);
        Assert.Contains("roles: Manager, Professional → Professional", entries);

        // The CSV import knows the Danish name: "leder" alone makes a manager who is not a professional.
        var imported = await PostCsvAsync(admin, "navn;e-mail;titel;faggruppe;enhed;roller;mandat\r\nLis Ledersen;lis.ledersen@example.dk;Klinikchef;Leder;Traumeklinikken Odense;Leder;Leder klinikken\r\n");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var created = Assert.Single((await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accounts").EnumerateArray()).GetProperty("account");
        Assert.Equal(["Manager"], created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains(await LogForAsync(created.GetProperty("id").GetGuid()), e => e.Action == AdministrationAction.AccountsImported && e.Details.Contains("roles: Manager", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Title_mandate_and_units_are_changed_added_and_ended_and_the_old_version_is_refused_with_412()
    {
        using var admin = await factory.ClientForAsync(Admin);
        var clinicId = await OrganizationIdAsync("Traumeklinikken Odense");
        var vejleId = await OrganizationIdAsync("Traumeklinikken Vejle");
        var created = await (await admin.PostAsJsonAsync("/api/v1/accounts", Invitation("Unni Enhedsen", "unni.enhedsen@example.dk", clinicId))).Content.ReadFromJsonAsync<JsonElement>();
        var userId = created.GetProperty("account").GetProperty("id").GetGuid();
        var (account, etag) = await GetAsync(admin, userId);
        var oldUnitId = account.GetProperty("units")[0].GetProperty("id").GetGuid();

        // The Odense unit is ended, a Vejle unit added; the account then belongs to Vejle.
        var body = new
        {
            displayName = "Unni Enhedsen",
            email = "unni.enhedsen@example.dk",
            profession = "Psykolog",
            roles = new[] { "Professional" },
            units = new object[] { new { organizationId = vejleId, title = "Specialpsykolog", mandate = "Kan beslutte behandlingsforløb.", directPhone = "70 00 12 99" } },
        };
        var response = await PutAsync(admin, userId, etag, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await response.Content.ReadFromJsonAsync<JsonElement>();
        var unit = Assert.Single(changed.GetProperty("units").EnumerateArray());
        Assert.Equal(vejleId, unit.GetProperty("organizationId").GetGuid());
        Assert.Equal(vejleId, changed.GetProperty("organizationId").GetGuid());
        Assert.False(await factory.WithDbAsync(db => db.PractitionerRoles.Where(r => r.Id == oldUnitId).Select(r => r.Active).SingleAsync()));
        var logged = Assert.Single(await LogForAsync(userId), e => e.Action == AdministrationAction.ProfessionalUpdated);
        Assert.Contains("unit ended: Traumeklinikken Odense", logged.Details, StringComparison.Ordinal);
        Assert.Contains("unit added: Traumeklinikken Vejle", logged.Details, StringComparison.Ordinal);

        // The version read before that change is stale; no If-Match is 428, a malformed one 400.
        var stale = await PutAsync(admin, userId, etag, body);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await PutAsync(admin, userId, null, body)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(admin, userId, "\"not a version!\"", body)).StatusCode);

        // A unit outside the tree is refused.
        var odenseMunicipality = await OrganizationIdAsync("Odense Kommune");
        var outside = await PutAsync(admin, userId, "*", new
        {
            body.displayName,
            body.email,
            body.profession,
            body.roles,
            units = new object[] { new { organizationId = odenseMunicipality, title = "Psykolog", mandate = "Kan beslutte behandlingsforløb." } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("units[0].organizationId", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivation_ends_the_persons_cookie_and_token_on_the_next_request_and_reactivation_lets_them_sign_in_again()
    {
        var cookie = await factory.CookieClientAsync("behandler.vejle");
        var token = await TokenAsync("behandler.vejle");
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/v1/me")).StatusCode);
        using var admin = await factory.ClientForAsync(Admin);
        var userId = await UserIdAsync("behandler.vejle");

        var deactivated = await admin.PostAsync($"/api/v1/accounts/{userId}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal("Deactivated", (await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/v1/me")).StatusCode);
        using (var anonymous = factory.CreateClient())
        {
            var signIn = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "behandler.vejle", password = SamspilFactory.DemoPassword });
            Assert.False(signIn.IsSuccessStatusCode);
        }

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounts?status=Deactivated");
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("id").GetGuid() == userId);

        var reactivated = await admin.PostAsync($"/api/v1/accounts/{userId}/reactivate", null);
        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        Assert.Equal("Active", (await reactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token)).StatusCode); // old sessions stay ended
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(await TokenAsync("behandler.vejle"))).StatusCode);

        var actions = (await LogForAsync(userId)).Select(e => e.Action).ToList();
        Assert.Contains(AdministrationAction.AccountDeactivated, actions);
        Assert.Contains(AdministrationAction.AccountReactivated, actions);
    }

    [Fact]
    public async Task An_administrator_can_neither_deactivate_themselves_nor_remove_their_own_administrator_role()
    {
        using var admin = await factory.ClientForAsync(Admin);
        var adminId = await UserIdAsync(Admin);
        var self = await admin.PostAsync($"/api/v1/accounts/{adminId}/deactivate", null);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal("application/problem+json", self.Content.Headers.ContentType?.MediaType);

        var clinicId = await OrganizationIdAsync("Traumeklinikken, Psykiatrien i Region Syddanmark");
        var body = new
        {
            displayName = "Allan Demo-Borup",
            email = "allan.admin@example.dk",
            profession = "Administrator",
            roles = new[] { "Professional" },
            units = new object[] { new { organizationId = clinicId, title = "Administrator", mandate = "Vedligeholder brugere." } },
        };
        var demote = await PutAsync(admin, adminId, "*", body);
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Contains("roles", await demote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/me")).StatusCode);
        Assert.DoesNotContain(await LogForAsync(adminId), e => e.Action is AdministrationAction.AccountDeactivated or AdministrationAction.RolesChanged);
    }

    [Fact]
    public async Task Another_organisations_administrator_gets_404_and_a_professional_is_refused()
    {
        var userId = await UserIdAsync("behandler.odense");
        using var other = await factory.ClientForAsync("admin.odense");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/accounts/{userId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/accounts/{userId}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/accounts/{userId}/resend-invitation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(other, userId, "*", new { displayName = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(other, userId, null, new { displayName = "X" })).StatusCode);
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/v1/accounts");
        Assert.DoesNotContain(theirs.EnumerateArray(), a => a.GetProperty("id").GetGuid() == userId);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(await TokenAsync("behandler.odense"))).StatusCode); // nothing happened

        // Placing a new person in another organisation's unit is refused.
        var foreignUnit = await OrganizationIdAsync("Traumeklinikken Odense");
        var invite = await other.PostAsJsonAsync("/api/v1/accounts", Invitation("Fremmed Person", "fremmed@example.dk", foreignUnit));
        Assert.Equal(HttpStatusCode.BadRequest, invite.StatusCode);

        using var professional = await factory.ClientForAsync("behandler.odense");
        Assert.Equal(HttpStatusCode.Forbidden, (await professional.GetAsync("/api/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await professional.GetAsync("/api/v1/administration-log")).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/accounts")).StatusCode);
    }

    [Fact]
    public async Task A_CSV_with_errors_gives_a_report_by_row_and_column_and_creates_nothing_and_a_correct_one_creates_and_invites_all()
    {
        using var admin = await factory.ClientForAsync(Admin);
        var csv = "\uFEFFnavn;e-mail;titel;faggruppe;enhed;roller;mandat;telefon\r\n"
            + "Carl Csvsen;carl.csvsen@example.dk;Psykolog;Psykolog;Traumeklinikken Odense;Fagperson;Kan beslutte behandling;70 00 00 01\r\n"
            + "Dorte Csvsen;ikke-en-mail;Psykolog;Psykolog;Ukendt Enhed;Fagperson;Kan beslutte behandling;\r\n"
            + "\"Erik; Csvsen\";erik.csvsen@example.dk;Sekretær;Sekretær;Traumeklinikken Vejle;Fagperson+Administrator;\"Kan booke tider,\nikke mere\";\r\n";
        var refused = await PostCsvAsync(admin, csv);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.GetProperty("field").GetString())).ToList();
        Assert.Contains((3, "email"), errors);
        Assert.Contains((3, "unit"), errors);
        Assert.Contains((4, "mandate"), errors); // a line break inside a field is no mandate text
        Assert.DoesNotContain(errors, e => e.Row == 2);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "carl.csvsen@example.dk")));

        var corrected = "name,email,title,profession,unit,roles,mandate,phone\n"
            + "Carl Csvsen,carl.csvsen@example.dk,Psykolog,Psykolog,Traumeklinikken Odense,Professional,Kan beslutte behandling,70 00 00 01\n"
            + "\"Erik, Csvsen\",erik.csvsen@example.dk,Sekretær,Sekretær,Traumeklinikken Vejle,\"Professional,Administrator\",Kan booke tider,\n";
        var imported = await PostCsvAsync(admin, corrected);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var result = await imported.Content.ReadFromJsonAsync<JsonElement>();
        var accounts = result.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account")).ToList();
        Assert.Equal(["Carl Csvsen", "Erik, Csvsen"], accounts.Select(a => a.GetProperty("displayName").GetString()));
        Assert.Equal(["Administrator", "Professional"], accounts[1].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        foreach (var account in accounts)
        {
            var id = account.GetProperty("id").GetGuid();
            var actions = (await LogForAsync(id)).Select(e => e.Action).ToList();
            Assert.Contains(AdministrationAction.AccountsImported, actions);
            Assert.Contains(AdministrationAction.AccountInvited, actions);
            Assert.True(await factory.WithDbAsync(db => db.StaffInvitations.AnyAsync(i => i.UserId == id)));
        }

        // The same file again: the addresses are taken now, nothing is created twice.
        var again = await PostCsvAsync(admin, corrected);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "carl.csvsen@example.dk")));
    }

    [Fact]
    public async Task Hostile_imports_are_problem_details_and_create_nothing()
    {
        using var admin = await factory.ClientForAsync(Admin);
        var before = await factory.WithDbAsync(db => db.Users.CountAsync());
        const string header = "name;email;title;profession;unit;roles;mandate;phone\n";

        var huge = await PostCsvAsync(admin, header + new string('x', AccountImport.MaxBytes + 10));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        await AssertProblemAsync(huge);

        var manyRows = new StringBuilder(header);
        for (var i = 0; i < AccountImport.MaxRows + 1; i++)
        {
            manyRows.Append('P').Append(i).Append(";p").Append(i).Append("@example.dk;T;P;Traumeklinikken Odense;;M;\n");
        }

        await AssertProblemAsync(await PostCsvAsync(admin, manyRows.ToString()), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostCsvAsync(admin, header + "Nul\u0000Navn;nul@example.dk;T;P;Traumeklinikken Odense;;M;\n"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostCsvAsync(admin, header + "\"Uafsluttet;x@example.dk;T;P;Traumeklinikken Odense;;M;\n"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostCsvAsync(admin, "just;some;words\n"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostCsvAsync(admin, string.Empty), HttpStatusCode.BadRequest);

        using var latin1 = new ByteArrayContent([.. Encoding.UTF8.GetBytes(header), 0x4A, 0xF8, 0x72, 0x67, 0x65, 0x6E, 0x0A]);
        latin1.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await AssertProblemAsync(await admin.PostAsync("/api/v1/accounts/import", latin1), HttpStatusCode.BadRequest);

        using var json = new StringContent("{\"rows\":[]}", Encoding.UTF8, "application/json");
        await AssertProblemAsync(await admin.PostAsync("/api/v1/accounts/import", json), HttpStatusCode.UnsupportedMediaType);

        using var emptyForm = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        await AssertProblemAsync(await admin.PostAsync("/api/v1/accounts/import", emptyForm), HttpStatusCode.BadRequest);

        Assert.Equal(before, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [InlineData("{\"displayName\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"displayName\":123}")]
    [InlineData("{}")]
    [InlineData("{\"displayName\":\"A\",\"email\":\"a@example.dk\",\"profession\":\"P\",\"roles\":[\"Citizen\"],\"units\":[null]}")]
    [InlineData("{\"displayName\":\"A\\u0007B\",\"email\":\"a b@example.dk\",\"profession\":\"P\",\"roles\":[\"Professional\"],\"units\":[{\"organizationId\":\"00000000-0000-0000-0000-000000000001\",\"title\":\"T\",\"mandate\":\"M\"}]}")]
    public async Task Malformed_or_hostile_invitations_are_problem_details_never_a_500(string body)
    {
        using var admin = await factory.ClientForAsync(Admin);
        var before = await factory.WithDbAsync(db => db.Users.CountAsync());
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await AssertProblemAsync(await admin.PostAsync("/api/v1/accounts", content), HttpStatusCode.BadRequest);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task The_administration_log_lists_the_trees_changes_newest_first_and_no_other_organisations()
    {
        using var admin = await factory.ClientForAsync(Admin);
        var clinicId = await OrganizationIdAsync("Traumeklinikken Vejle");
        var created = await (await admin.PostAsJsonAsync("/api/v1/accounts", Invitation("Lone Loggesen", "lone.loggesen@example.dk", clinicId))).Content.ReadFromJsonAsync<JsonElement>();
        var userId = created.GetProperty("account").GetProperty("id").GetGuid();

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/administration-log");
        var entries = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("targetUserId").GetGuid() == userId && e.GetProperty("action").GetString() == "AccountCreated" && e.GetProperty("actorName").GetString() == "Allan Demo-Borup");
        var times = entries.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        using var other = await factory.ClientForAsync("admin.odense");
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/v1/administration-log");
        Assert.DoesNotContain(theirs.GetProperty("entries").EnumerateArray(), e => e.GetProperty("targetUserId").GetGuid() == userId);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/administration-log?page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/administration-log?page=abc")).StatusCode);

        // The pages show the same, in Danish.
        using var cookie = await factory.CookieClientAsync(Admin);
        var log = await cookie.GetStringAsync("/Admin/Log");
        Assert.Contains("Lone Loggesen", log, StringComparison.Ordinal);
        Assert.Contains("Konto oprettet", log, StringComparison.Ordinal);
        var accounts = await cookie.GetStringAsync("/Admin/Accounts?status=Invited");
        Assert.Contains("Lone Loggesen", accounts, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.CookieClientAsync("admin.odense")).GetAsync($"/Admin/Accounts/{userId}")).StatusCode);
    }

    private static object Invitation(string name, string email, Guid unitId) => new
    {
        displayName = name,
        email,
        profession = "Psykolog",
        roles = new[] { "Professional" },
        units = new object[] { new { organizationId = unitId, title = "Psykolog", mandate = "Kan beslutte behandlingsplan.", directPhone = "70 00 11 99" } },
    };

    private static object Change(JsonElement account, string[] roles, string? email = null) => new
    {
        displayName = account.GetProperty("displayName").GetString(),
        email = account.GetProperty("email").GetString() ?? email ?? "someone@example.dk",
        profession = account.GetProperty("profession").GetString(),
        roles,
        units = account.GetProperty("units").EnumerateArray().Select(u => new
        {
            id = u.GetProperty("id").GetGuid(),
            title = u.GetProperty("title").GetString(),
            mandate = u.GetProperty("mandate").GetString(),
            directPhone = u.GetProperty("directPhone").GetString(),
        }).ToArray(),
    };

    private static async Task<(JsonElement Account, string ETag)> GetAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/accounts/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.Tag);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, string? ifMatch, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/accounts/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string csv)
    {
        using var content = new StringContent(csv, new UTF8Encoding(false), "text/csv");
        return await client.PostAsync("/api/v1/accounts/import", content);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode? status = null)
    {
        if (status is { } expected)
        {
            Assert.Equal(expected, response.StatusCode);
        }

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<Guid> UserIdAsync(string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<Guid> OrganizationIdAsync(string name) =>
        factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private Task<List<AdministrationLogEntry>> LogForAsync(Guid userId) =>
        factory.WithDbAsync(db => db.AdministrationLog.Where(e => e.TargetUserId == userId).ToListAsync());

    private async Task<string> TokenAsync(string userName)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = userName, password = SamspilFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private async Task<HttpResponseMessage> MeAsync(string accessToken)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.GetAsync("/api/v1/me");
    }

    private sealed class CapturingSender : IMailSender
    {
        public List<OutgoingMail> Sent { get; } = [];

        public Task SendAsync(OutgoingMail mail, CancellationToken ct)
        {
            Sent.Add(mail);
            return Task.CompletedTask;
        }
    }
}

public sealed class AccountAdministrationTestsOnSqlite(SqliteFactory factory) : AccountAdministrationTests(factory), IClassFixture<SqliteFactory>;

public sealed class AccountAdministrationTestsOnPostgres(PostgresFactory factory) : AccountAdministrationTests(factory), IClassFixture<PostgresFactory>;
