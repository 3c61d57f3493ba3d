using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Features.Access;
using Samspil.Features.Account;
using Samspil.Features.Administration;
using Samspil.Features.Consents;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.CitizenAccess;

/// <summary>
/// Gives a citizen and a proxy a login of their own (issue 14): staff with a citizen-level basis for the
/// citizen (see <see cref="FindCitizenAsync"/>) create the account and print a one-time activation letter;
/// a proxy's account comes with a registered power of attorney and lasts as long as it.
/// Everyone else gets null (404). Every account created or ended is written to the administration log.
/// </summary>
public sealed class CitizenAccessService(
    SamspilDbContext db,
    CitizenDataAccess access,
    UserManager<AppUser> users,
    AdministrationLog administrationLog,
    TimeProvider time,
    IOptions<WebSecurityOptions> web,
    ILogger<CitizenAccessService> logger)
{
    private DateOnly Today => CopenhagenTime.Today(time);

    /// <summary>The citizen's login state and powers of attorney, for staff with access to the citizen; null (404) otherwise.</summary>
    public async Task<CitizenAccessView?> GetAsync(Guid citizenId, CancellationToken ct)
    {
        if (await FindCitizenAsync(citizenId, ct) is not { } record)
        {
            return null;
        }

        access.Log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Read, "CitizenAccess", citizenId, record.Decision);
        await access.Log.CommitAsync(ct);
        return new CitizenAccessView(citizenId, await CitizenLoginStateAsync(citizenId, ct), await PowersAsync(citizenId, ct));
    }

    /// <summary>
    /// Creates the citizen's login (role Citizen) unless one exists, and issues a one-time code for the
    /// activation letter; an older open code stops working. Null (404) without access; an already
    /// activated login is refused (<c>CitizenAccess.AlreadyActive</c>).
    /// </summary>
    public async Task<(ActivationLetter Letter, CitizenAccessGranted Granted)?> GrantCitizenAccessAsync(Guid citizenId, CancellationToken ct)
    {
        var record = await FindCitizenAsync(citizenId, ct);
        if (record is null)
        {
            return null;
        }

        var citizen = record.Citizen;
        if (citizen.IdentityWithheld)
        {
            // The reader may see the course but not who the citizen is; they cannot write to them either.
            return null;
        }

        return await InTransactionAsync(async () =>
        {
            var user = await CitizenLoginAsync(citizenId, ct);
            if (user is not null && await IsActivatedAsync(user, ct))
            {
                throw new DomainException("CitizenAccess.AlreadyActive");
            }

            var created = user is null;
            if (user is null)
            {
                user = new AppUser
                {
                    Id = Guid.CreateVersion7(time.GetUtcNow()),
                    UserName = "borger-" + Guid.NewGuid().ToString("N"),
                    DisplayName = citizen.FullName,
                    CitizenId = citizenId,
                    Email = citizen.Email,
                };
                EnsureSucceeded(await users.CreateAsync(user));
                EnsureSucceeded(await users.AddToRoleAsync(user, SamspilRoles.Citizen));
            }

            var (code, expiresAt) = await IssueCodeAsync(user, ct);
            administrationLog.Record(access.User, AdministrationAction.CitizenAccessGranted, user, created ? "citizen login created; activation letter issued" : "new activation letter issued");
            access.Log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Create, "CitizenLogin", user.Id, record.Decision);
            await access.Log.CommitAsync(ct);
            logger.LogInformation("Citizen login {UserId} for citizen {CitizenId} given an activation code by {ActorId}", user.Id, citizenId, access.User.UserId);

            var link = ActivationLink(code);
            return (new ActivationLetter(user.Id, citizen.FullName, citizen.FullName, ForProxy: false, code, link, expiresAt),
                new CitizenAccessGranted(user.Id, code, link, expiresAt));
        }, ct);
    }

    /// <summary>The powers of attorney registered for the citizen, newest first; null (404) without access.</summary>
    public async Task<IReadOnlyList<PowerOfAttorneyView>?> ListPowersOfAttorneyAsync(Guid citizenId, CancellationToken ct)
    {
        if (await FindCitizenAsync(citizenId, ct) is not { } record)
        {
            return null;
        }

        access.Log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Read, "PowerOfAttorney", null, record.Decision);
        await access.Log.CommitAsync(ct);
        return await PowersAsync(citizenId, ct);
    }

    /// <summary>
    /// Registers a power of attorney with its document, creates the proxy's login (role Proxy) linked to it,
    /// and issues the activation code. Null (404) without access to the citizen. Bad input throws a
    /// <see cref="DomainException"/> before anything is written.
    /// </summary>
    public async Task<(ActivationLetter Letter, PowerOfAttorneyRegistered Registered)?> RegisterPowerOfAttorneyAsync(
        Guid citizenId, PowerOfAttorneyRequest request, DocumentUpload? upload, CancellationToken ct)
    {
        var record = await FindCitizenAsync(citizenId, ct);
        if (record is null || record.Citizen.IdentityWithheld)
        {
            return null;
        }

        var now = CopenhagenTime.Now(time);
        var document = upload is null ? null : await ReadDocumentAsync(citizenId, upload, ct);
        if (document is null && request.DocumentId is { } documentId && !await access.DocumentBelongsToAsync(documentId, citizenId, ct))
        {
            throw new DomainException("PowerOfAttorney.Document.Unknown", "documentId");
        }

        var categories = (request.Categories ?? []).Aggregate(InformationCategory.None, (all, c) => all | c);
        var power = PowerOfAttorney.Register(
            citizenId,
            request.ProxyName,
            request.Relation,
            request.Email,
            request.Phone,
            document?.Id ?? request.DocumentId,
            request.DocumentReference,
            request.ValidFrom ?? throw new DomainException("PowerOfAttorney.ValidFrom.Required", "validFrom"),
            request.ValidTo,
            categories,
            request.MayConsent,
            access.User.AsActor(),
            now);

        return await InTransactionAsync(async () =>
        {
            var proxy = new AppUser
            {
                Id = Guid.CreateVersion7(now.Utc),
                UserName = "fuldmagt-" + Guid.NewGuid().ToString("N"),
                DisplayName = power.ProxyName,
                CitizenId = citizenId,
                Email = power.Email,
                PhoneNumber = power.Phone,
            };
            EnsureSucceeded(await users.CreateAsync(proxy));
            EnsureSucceeded(await users.AddToRoleAsync(proxy, SamspilRoles.Proxy));
            power.LinkProxy(proxy.Id);

            if (document is not null)
            {
                db.ConsentDocuments.Add(document);
                access.Log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Create, "PowerOfAttorneyDocument", document.Id, record.Decision);
            }

            db.PowersOfAttorney.Add(power);
            access.Log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Create, "PowerOfAttorney", power.Id, record.Decision);
            var (code, expiresAt) = await IssueCodeAsync(proxy, ct);
            administrationLog.Record(access.User, AdministrationAction.ProxyAccessGranted, proxy,
                $"power of attorney {power.Id}; scope: {power.Categories}; consent: {(power.MayConsent ? "yes" : "no")}; valid {power.ValidFrom:yyyy-MM-dd}–{power.ValidTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "open"}");
            await access.Log.CommitAsync(ct);
            logger.LogInformation("Power of attorney {PowerOfAttorneyId} for citizen {CitizenId} registered by {ActorId}; proxy login {UserId}", power.Id, citizenId, access.User.UserId, proxy.Id);

            var link = ActivationLink(code);
            return (new ActivationLetter(proxy.Id, power.ProxyName, record.Citizen.FullName, ForProxy: true, code, link, expiresAt),
                new PowerOfAttorneyRegistered(PowerOfAttorneyView.From(power, now.Today), proxy.Id, code, link, expiresAt));
        }, ct);
    }

    /// <summary>Stores an uploaded power of attorney (kept with the consent documents) for registering it afterwards; null (404) without access.</summary>
    public async Task<DocumentUploaded?> UploadDocumentAsync(Guid citizenId, DocumentUpload? upload, CancellationToken ct)
    {
        var record = await FindCitizenAsync(citizenId, ct);
        if (record is null)
        {
            return null;
        }

        var document = await ReadDocumentAsync(citizenId, upload ?? throw new DomainException("PowerOfAttorney.Document.Required", "file"), ct);
        db.ConsentDocuments.Add(document);
        access.Log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Create, "PowerOfAttorneyDocument", document.Id, record.Decision);
        await access.Log.CommitAsync(ct);
        return new DocumentUploaded(document.Id, document.FileName, document.Sha256);
    }

    /// <summary>
    /// Ends a power of attorney at once: the proxy's login is locked and its security stamp changed, so
    /// every cookie and token of it is refused on its next request. Null (404) without access or when the
    /// power of attorney is not this citizen's.
    /// </summary>
    public async Task<PowerOfAttorneyView?> EndPowerOfAttorneyAsync(Guid citizenId, Guid powerOfAttorneyId, CancellationToken ct)
    {
        var record = await FindCitizenAsync(citizenId, ct);
        if (record is null)
        {
            return null;
        }

        var power = await access.PowerOfAttorneyForChangeAsync(citizenId, powerOfAttorneyId, ct);
        if (power is null)
        {
            return null;
        }

        if (power.IsEnded)
        {
            throw new DomainException("PowerOfAttorney.AlreadyEnded");
        }

        var now = CopenhagenTime.Now(time);
        return await InTransactionAsync(async () =>
        {
            if (power.ProxyUserId is { } proxyId && await users.FindByIdAsync(proxyId.ToString()) is { } proxy)
            {
                EnsureSucceeded(await users.SetLockoutEnabledAsync(proxy, true));
                EnsureSucceeded(await users.SetLockoutEndDateAsync(proxy, DateTimeOffset.MaxValue));
                EnsureSucceeded(await users.UpdateSecurityStampAsync(proxy));
                await RevokeOpenCodesAsync(proxy.Id, now.Utc, ct);
                administrationLog.Record(access.User, AdministrationAction.ProxyAccessEnded, proxy, $"power of attorney {power.Id} ended");
            }

            // Identity saves as it goes; the power of attorney (citizen data) is changed only now, with its log entry.
            power.End(access.User.AsActor(), now);
            access.Log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Update, "PowerOfAttorney", power.Id, record.Decision);
            await access.Log.CommitAsync(ct);
            logger.LogInformation("Power of attorney {PowerOfAttorneyId} for citizen {CitizenId} ended by {ActorId}", power.Id, citizenId, access.User.UserId);
            return PowerOfAttorneyView.From(power, now.Today);
        }, ct);
    }

    /// <summary>May the reader give this citizen access (the course page's card)? Null hides the card. Nothing is logged: the page has logged its read.</summary>
    public async Task<CitizenLoginState?> StateForCourseAsync(Guid citizenId, CancellationToken ct) =>
        await FindCitizenAsync(citizenId, ct) is null ? null : await CitizenLoginStateAsync(citizenId, ct);

    /// <summary>
    /// The citizen, if the reader is staff with a citizen-level basis for them (ADR 0013, 0014): the
    /// organisation that registered the citizen (administrators of it included) or a consent in force
    /// naming them. Registering a course, or being responsible for one, is no such basis: otherwise anyone
    /// could register a course with a stranger's CPR number and then give themselves a login or a power of
    /// attorney for that person. Null (404) otherwise.
    /// </summary>
    private async Task<CitizenRecord?> FindCitizenAsync(Guid citizenId, CancellationToken ct)
    {
        if (!access.User.IsStaff)
        {
            return null;
        }

        return await access.FindCitizenForChangeAsync(citizenId, ct, tracked: false) is { Editor: CitizenEditor.Staff } found && !found.Record.Citizen.IdentityWithheld
            ? found.Record
            : null;
    }

    /// <summary>Reads an upload into a document (not yet saved); size and type are checked by its own first bytes.</summary>
    private async Task<ConsentDocument> ReadDocumentAsync(Guid citizenId, DocumentUpload upload, CancellationToken ct)
    {
        if (upload.Length > ConsentDocument.MaxBytes)
        {
            throw new DomainException("Consent.Document.Size", "document");
        }

        using var buffer = new MemoryStream();
        await upload.Content.CopyToAsync(buffer, ct);
        return ConsentDocument.Upload(citizenId, string.IsNullOrWhiteSpace(upload.FileName) ? "fuldmagt" : upload.FileName, upload.ContentType, buffer.ToArray(), access.User.AsActor(), CopenhagenTime.Now(time));
    }

    private async Task<AppUser?> CitizenLoginAsync(Guid citizenId, CancellationToken ct)
    {
        var candidates = await db.Users.Where(u => u.CitizenId == citizenId).OrderBy(u => u.Id).ToListAsync(ct);
        foreach (var candidate in candidates)
        {
            if (await users.IsInRoleAsync(candidate, SamspilRoles.Citizen))
            {
                return candidate;
            }
        }

        return null;
    }

    private async Task<CitizenLoginState> CitizenLoginStateAsync(Guid citizenId, CancellationToken ct) =>
        await CitizenLoginAsync(citizenId, ct) is not { } user ? CitizenLoginState.None
        : await IsActivatedAsync(user, ct) ? CitizenLoginState.Active
        : CitizenLoginState.Invited;

    /// <summary>Activated: a password or a provider login, a used code, or locked (then a letter would not help).</summary>
    private async Task<bool> IsActivatedAsync(AppUser user, CancellationToken ct) =>
        user.PasswordHash is not null
        || (user.LockoutEnd is { } end && end > time.GetUtcNow())
        || await db.UserLogins.AnyAsync(l => l.UserId == user.Id, ct)
        || await db.StaffInvitations.AnyAsync(i => i.UserId == user.Id && i.UsedAt != null, ct);

    private async Task<IReadOnlyList<PowerOfAttorneyView>> PowersAsync(Guid citizenId, CancellationToken ct)
    {
        var today = Today;
        return (await access.PowersOfAttorneyOfAsync(citizenId, ct))
            .OrderByDescending(p => p.RegisteredAt)
            .Select(p => PowerOfAttorneyView.From(p, today))
            .ToList();
    }

    private async Task<(string Code, DateTimeOffset ExpiresAt)> IssueCodeAsync(AppUser user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await RevokeOpenCodesAsync(user.Id, now, ct);
        var (invitation, code) = StaffInvitation.Issue(user.Id, access.User.UserId, now);
        db.StaffInvitations.Add(invitation);
        return (code, invitation.ExpiresAt);
    }

    private async Task RevokeOpenCodesAsync(Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var older in await db.StaffInvitations.Where(i => i.UserId == userId && i.UsedAt == null).ToListAsync(ct))
        {
            older.Revoke(now);
        }
    }

    private string ActivationLink(string code) => web.Value.LinkTo("/Account/Activate?code=" + Uri.EscapeDataString(code));

    private static void EnsureSucceeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Creating the login failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }

    /// <summary>
    /// The login (saved by Identity as it goes), its code, the power of attorney and the log entries are
    /// one unit: all of it or none of it. On SQLite the writer's turn is held for the whole transaction.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        var sqlite = db is not PostgresSamspilDbContext;
        if (sqlite)
        {
            await db.EnterSqliteWriterAsync(ct);
        }

        try
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var result = await work();
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }

            return result;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            if (sqlite)
            {
                db.ExitSqliteWriter();
            }
        }
    }
}

