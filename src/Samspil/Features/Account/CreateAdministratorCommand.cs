using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Common;
using Samspil.Domain.Directory;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Account;

/// <summary>
/// <c>dotnet run --project src/Samspil -- create-admin --organization "Region Syddanmark" --sector Region
/// --user-name admin.rsd --name "…" [--email …]</c>: the first administrator of an empty production database.
/// Creates the root organisation unless one of that name exists (or uses <c>--organization-id</c>), an
/// Administrator account without a password, and prints a one-time activation link (a
/// <see cref="StaffInvitation"/>). All or nothing, in one transaction. The database must exist and be
/// migrated (starting Samspil once does that); the command neither migrates nor seeds. Works in every
/// environment, on the configured database. Operator output in English, like the other commands'.
/// </summary>
public static partial class CreateAdministratorCommand
{
    public const string Command = "create-admin";

    /// <summary>Exit code for input that is refused: a missing or malformed option, a user name that is taken.</summary>
    public const int Refused = 1;

    /// <summary>Exit code when the configured database does not exist or is not migrated.</summary>
    public const int NoDatabase = 2;

    private static readonly string[] Options = ["--organization", "--organization-id", "--sector", "--kind", "--user-name", "--name", "--email"];

    public static string Usage { get; } = string.Join(
        Environment.NewLine,
        $"Usage: {Command} --user-name <login> --name <full name> [--email <address>]",
        "         (--organization <name> [--sector <sector>] [--kind <kind>] | --organization-id <id>)",
        "  --organization     the root organisation; created unless one of that name exists",
        $"  --sector           when creating it: {string.Join(", ", Enum.GetNames<Sector>())}",
        $"  --kind             when creating it (default Region for a region, Municipality for a municipality):",
        $"                     {string.Join(", ", Enum.GetNames<OrganizationKind>())}",
        "  --organization-id  an existing organisation's id instead of --organization",
        "");

    /// <summary>Whether the command is asked for; settings may come before it (<c>--Database:Provider=Postgres create-admin …</c>).</summary>
    public static bool IsRequested(IReadOnlyList<string> args) => args.Contains(Command, StringComparer.Ordinal);

    /// <summary>
    /// The arguments the host's configuration may read: everything but the command and its own options,
    /// so that <c>--Database:Provider=Postgres</c> still works and <c>--name Ann</c> does not become a setting.
    /// </summary>
    public static string[] HostArguments(IReadOnlyList<string> args)
    {
        var host = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (string.Equals(args[i], Command, StringComparison.Ordinal))
            {
                continue;
            }

            var option = args[i].Split('=', 2)[0];
            if (Options.Contains(option, StringComparer.Ordinal))
            {
                i += args[i].Contains('=', StringComparison.Ordinal) ? 0 : 1;
                continue;
            }

            host.Add(args[i]);
        }

        return [.. host];
    }

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParse(args, out var request, out var problem))
        {
            await error.WriteLineAsync("create-admin: " + problem);
            await error.WriteAsync(Usage);
            return Refused;
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<SamspilDbContext>();
        if (await DatabaseProblemAsync(db, provider.GetRequiredService<DatabaseOptions>(), cancellationToken) is { } missing)
        {
            await error.WriteLineAsync("create-admin: " + missing);
            return NoDatabase;
        }

        var users = provider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(request.UserName) is not null)
        {
            await error.WriteLineAsync($"create-admin: the user name '{request.UserName}' is already taken; nothing was changed.");
            return Refused;
        }

        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        var lines = new List<string>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var organization = await OrganizationAsync(db, request, now, lines, cancellationToken);
        if (organization.Problem is { } organizationProblem)
        {
            await error.WriteLineAsync("create-admin: " + organizationProblem + "; nothing was changed.");
            return Refused;
        }

        var roles = provider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (!await roles.RoleExistsAsync(SamspilRoles.Administrator))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(SamspilRoles.Administrator) { Id = Guid.CreateVersion7(now) });
        }

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = request.UserName,
            DisplayName = request.Name,
            Email = request.Email,
            OrganizationId = organization.Id,
        };
        var created = await users.CreateAsync(user); // no password: the person signs in through the activation link
        var inRole = created.Succeeded ? await users.AddToRoleAsync(user, SamspilRoles.Administrator) : created;
        if (!inRole.Succeeded)
        {
            await error.WriteLineAsync("create-admin: the account was refused: "
                + string.Join(" ", inRole.Errors.Select(e => e.Description)) + " Nothing was changed.");
            return Refused;
        }

        // Nobody is signed in to issue the invitation: the new administrator stands as its creator.
        var (invitation, code) = StaffInvitation.Issue(user.Id, user.Id, now);
        db.Add(invitation);
        var log = provider.GetRequiredService<Samspil.Features.Administration.AdministrationLog>();
        log.Record(CurrentUser.System.UserId, "create-admin", Samspil.Features.Administration.AdministrationAction.AccountCreated, user, "roles: " + SamspilRoles.Administrator);
        log.Record(CurrentUser.System.UserId, "create-admin", Samspil.Features.Administration.AdministrationAction.AccountInvited, user);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogCreated(provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CreateAdministratorCommand)), user.Id, organization.Id, invitation.Id);

        var link = provider.GetRequiredService<IOptions<WebSecurityOptions>>().Value.LinkTo("/Account/Activate?code=" + Uri.EscapeDataString(code));
        lines.Add($"Administrator account '{user.UserName}' created: {user.Id}");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"One-time activation link, valid until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Give it to {request.Name} only;"));
        lines.Add("they open it and sign in with the organisation's identity provider (which links the account) or choose a password:");
        lines.Add("  " + link);
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line);
        }

        return 0;
    }

    private static async Task<(Guid Id, string? Problem)> OrganizationAsync(
        SamspilDbContext db, CreateAdministratorRequest request, DateTimeOffset now, List<string> lines, CancellationToken cancellationToken)
    {
        if (request.OrganizationId is { } id)
        {
            return await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken)
                ? (id, null)
                : (id, $"there is no organisation with id {id}");
        }

        var name = request.OrganizationName!;
        var existing = await db.Organizations.Where(o => o.Name == name).Select(o => o.Id).Take(2).ToListAsync(cancellationToken);
        if (existing.Count > 1)
        {
            return (Guid.Empty, $"several organisations are called '{name}'; choose one with --organization-id");
        }

        if (existing.Count == 1)
        {
            lines.Add($"Organisation '{name}' exists: {existing[0]}");
            return (existing[0], null);
        }

        if (request.Sector is not { } sector)
        {
            return (Guid.Empty, $"no organisation is called '{name}'; to create it, give --sector");
        }

        var kind = request.Kind ?? sector switch
        {
            Sector.Region => OrganizationKind.Region,
            Sector.Municipality => OrganizationKind.Municipality,
            _ => (OrganizationKind?)null,
        };
        if (kind is null)
        {
            return (Guid.Empty, $"no organisation is called '{name}'; to create it in the sector {sector}, give --kind");
        }

        Organization organization;
        try
        {
            organization = Organization.Create(new OrganizationDetails(name, sector, kind.Value), Guid.CreateVersion7(now));
        }
        catch (DomainException e)
        {
            return (Guid.Empty, $"the organisation was refused ({e.Code})");
        }

        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        lines.Add($"Organisation '{name}' ({sector}, {kind}) created: {organization.Id}");
        return (organization.Id, null);
    }

    /// <summary>Why the configured database cannot be used, or null. An SQLite file is never created here.</summary>
    private static async Task<string?> DatabaseProblemAsync(SamspilDbContext db, DatabaseOptions options, CancellationToken cancellationToken)
    {
        const string Advice = "Check Database:Provider and Database:ConnectionString; start Samspil once to create and migrate the database, then run create-admin again.";
        if (options.IsSqlite && new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } file
            && file != ":memory:" && !File.Exists(file))
        {
            return $"there is no database at {file}. {Advice}";
        }

        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return $"cannot connect to the {(options.IsPostgres ? "PostgreSQL" : "SQLite")} database. {Advice}";
            }

            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                return $"the database is not migrated (or is older than this version of Samspil). {Advice}";
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return $"cannot use the database ({e.GetType().Name}). {Advice}";
        }

        return null;
    }

    private static bool TryParse(IReadOnlyList<string> args, out CreateAdministratorRequest request, out string problem)
    {
        request = new CreateAdministratorRequest();
        problem = string.Empty;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (string.Equals(args[i], Command, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = args[i].Split('=', 2);
            if (!Options.Contains(parts[0], StringComparer.Ordinal))
            {
                if (args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].Contains(':', StringComparison.Ordinal) && !args[i].Contains('=', StringComparison.Ordinal))
                {
                    problem = $"unknown option {args[i]}";
                    return false;
                }

                continue; // a setting for the host, e.g. --Database:Provider=Postgres
            }

            var value = parts.Length == 2 ? parts[1] : i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                problem = $"{parts[0]} needs a value";
                return false;
            }

            if (!values.TryAdd(parts[0], value.Trim()))
            {
                problem = $"{parts[0]} is given twice";
                return false;
            }
        }

        values.TryGetValue("--user-name", out var userName);
        values.TryGetValue("--name", out var name);
        values.TryGetValue("--email", out var email);
        values.TryGetValue("--organization", out var organizationName);
        values.TryGetValue("--organization-id", out var organizationIdText);
        if (userName is null || name is null)
        {
            problem = "--user-name and --name are required";
            return false;
        }

        if (userName.Length > 100 || !UserNamePattern().IsMatch(userName))
        {
            problem = "--user-name is letters, digits and . _ - @ (at most 100)";
            return false;
        }

        if (name.Length > 200)
        {
            problem = "--name is at most 200 characters";
            return false;
        }

        if (email is not null && (email.Length > 256 || !new EmailAddressAttribute().IsValid(email)))
        {
            problem = "--email is not an e-mail address";
            return false;
        }

        if ((organizationName is null) == (organizationIdText is null))
        {
            problem = "give either --organization or --organization-id";
            return false;
        }

        Guid? organizationId = null;
        if (organizationIdText is not null)
        {
            if (!Guid.TryParse(organizationIdText, CultureInfo.InvariantCulture, out var parsed) || parsed == Guid.Empty)
            {
                problem = "--organization-id is not an id";
                return false;
            }

            if (values.ContainsKey("--sector") || values.ContainsKey("--kind"))
            {
                problem = "--sector and --kind describe a new organisation; not with --organization-id";
                return false;
            }

            organizationId = parsed;
        }

        if (!TryParseName<Sector>(values, "--sector", out var sector) || !TryParseName<OrganizationKind>(values, "--kind", out var kind))
        {
            problem = values.ContainsKey("--sector") && !TryParseName<Sector>(values, "--sector", out _)
                ? $"--sector is one of {string.Join(", ", Enum.GetNames<Sector>())}"
                : $"--kind is one of {string.Join(", ", Enum.GetNames<OrganizationKind>())}";
            return false;
        }

        request = new CreateAdministratorRequest(organizationName, organizationId, sector, kind, userName, name, email);
        return true;
    }

    /// <summary>An enum member by name (any case), never by number.</summary>
    private static bool TryParseName<T>(Dictionary<string, string> values, string option, out T? parsed)
        where T : struct, Enum
    {
        parsed = null;
        if (!values.TryGetValue(option, out var text))
        {
            return true;
        }

        var match = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            return false;
        }

        parsed = Enum.Parse<T>(match);
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._@-]+$")]
    private static partial System.Text.RegularExpressions.Regex UserNamePattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Administrator account {UserId} of organisation {OrganizationId} created from the command line with invitation {InvitationId}")]
    private static partial void LogCreated(ILogger logger, Guid userId, Guid organizationId, Guid invitationId);

    private sealed record CreateAdministratorRequest(
        string? OrganizationName = null,
        Guid? OrganizationId = null,
        Sector? Sector = null,
        OrganizationKind? Kind = null,
        string UserName = "",
        string Name = "",
        string? Email = null);
}
