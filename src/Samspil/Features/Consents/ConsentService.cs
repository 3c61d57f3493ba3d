using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Features.Access;
using Samspil.Features.Courses;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Consents;

/// <summary>
/// Giving, limiting, renewing and revoking consent (R10, R11). A professional registers a signed,
/// witnessed form for a course they work on; the citizen (or a proxy) does it signed in. Every
/// version is kept; revocation takes effect for the very next read.
/// </summary>
public sealed class ConsentService(SamspilDbContext db, CitizenDataAccess access, HospitalNotifications.TreatmentStartNotifier treatmentStart, TimeProvider time)
{
    public const int ExpiryWarningDays = 30;

    public static ConsentState StateOf(IReadOnlyList<Consent> consents, DateOnly today)
    {
        var inForce = consents.Where(c => c.IsInForceOn(today)).ToList();
        if (inForce.Count > 0)
        {
            return inForce.All(c => c.ValidTo <= today.AddDays(ExpiryWarningDays)) ? ConsentState.Expiring : ConsentState.Active;
        }

        if (consents.Count == 0)
        {
            return ConsentState.Missing;
        }

        var latest = consents.OrderBy(c => c.RecordedAt).Last();
        return latest.Status == ConsentStatus.Revoked ? ConsentState.Revoked : ConsentState.Expired;
    }

    public async Task<IReadOnlyList<ConsentView>> ViewsAsync(IReadOnlyList<Consent> consents, CancellationToken cancellationToken)
    {
        var ids = consents.SelectMany(c => c.Recipients.Select(r => r.TargetId)).Concat(consents.Select(c => c.WitnessProfessionalId).OfType<Guid>()).ToHashSet();
        var professionals = await db.Professionals.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var organizations = await db.Organizations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var roles = await (
            from role in db.PractitionerRoles
            join professional in db.Professionals on role.ProfessionalId equals professional.Id
            join organization in db.Organizations on role.OrganizationId equals organization.Id
            where ids.Contains(role.Id)
            select new { role.Id, role.Title, Organization = organization.Name, Professional = professional.Name })
            .ToDictionaryAsync(r => r.Id, r => $"{Samspil.Domain.Directory.RoleLabel.Format(r.Title, r.Organization)} ({r.Professional})", cancellationToken);
        var today = CopenhagenTime.Today(time);

        string NameOf(ConsentRecipient r) => r.Kind switch
        {
            ConsentRecipientKind.Professional => professionals.GetValueOrDefault(r.TargetId),
            ConsentRecipientKind.PractitionerRole => roles.GetValueOrDefault(r.TargetId),
            _ => organizations.GetValueOrDefault(r.TargetId),
        } ?? "?";

        return consents
            .OrderByDescending(c => c.Status == ConsentStatus.Active)
            .ThenByDescending(c => c.RecordedAt)
            .Select(c => new ConsentView(
                c.Id, c.SeriesId, c.Version, c.CitizenId,
                c.Recipients.Select(r => new ConsentRecipientView(r.Kind, r.TargetId, NameOf(r))).ToList(),
                InformationCategories.Split(c.Categories).ToList(),
                Enum.GetValues<AccessPurpose>().Where(p => p != AccessPurpose.None && c.Purposes.HasFlag(p)).ToList(),
                c.Purpose, c.NotFor, c.ValidFrom, c.ValidTo, c.Condition, c.ExcludeRecordsBefore, c.GivenBy, c.GivenByName, c.Method,
                c.WitnessProfessionalId is { } w ? professionals.GetValueOrDefault(w) : null,
                c.DocumentId is not null, c.Status, c.IsInForceOn(today), c.ExpiresWithin(today, ExpiryWarningDays),
                c.RecordedAt, c.RecordedByName, c.StatusChangedAt))
            .ToList();
    }

    /// <summary>A professional on the course registers a signed, witnessed consent form (uploaded before, see <see cref="UploadDocumentAsync"/>).</summary>
    public Task<Guid?> RegisterForCourseAsync(Guid courseId, ConsentRequest request, CancellationToken cancellationToken) =>
        RegisterAsync(courseId, request, null, false, cancellationToken);

    /// <summary>
    /// Uploads the signed form and registers the consent it documents in one save (the web form does
    /// both in one POST): a registration refused for its terms leaves no orphaned copy of the form,
    /// and errors in the file and in the terms are reported together.
    /// </summary>
    public Task<Guid?> RegisterWithDocumentAsync(Guid courseId, ConsentRequest request, DocumentUpload? upload, CancellationToken cancellationToken) =>
        RegisterAsync(courseId, request, upload, true, cancellationToken);

    /// <summary>Stores a signed consent form for the citizen of a course the user may change. Null when the course is not found.</summary>
    public async Task<DocumentUploaded?> UploadDocumentAsync(Guid courseId, DocumentUpload? upload, CancellationToken cancellationToken)
    {
        if (upload is null)
        {
            throw new DomainException("Consent.Document.Required", "file");
        }

        var record = await access.FindCourseForSteeringAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var document = await ReadDocumentAsync(record.Citizen.Id, upload, cancellationToken);
        db.ConsentDocuments.Add(document);
        access.Log.Record(record.Citizen.Id, InformationCategory.StatusAndAppointments, AccessAction.Create, "ConsentDocument", document.Id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        return new DocumentUploaded(document.Id, document.FileName, document.Sha256);
    }

    /// <summary>The citizen (or proxy) gives a consent signed in.</summary>
    public async Task<Guid> GiveAsSelfAsync(ConsentRequest request, CancellationToken cancellationToken)
    {
        var (citizenId, decision) = await SelfAsync(cancellationToken, consenting: true);
        var terms = await TermsAsync(request, cancellationToken);
        var proxy = decision.BasisKind == AccessBasisKind.Proxy;
        var giving = new ConsentGiving(proxy ? ConsentGivenBy.Proxy : ConsentGivenBy.Citizen, proxy ? access.User.DisplayName : null, ConsentMethod.CitizenOnline, null, null);
        var consent = Consent.Give(citizenId, terms, giving, access.User.AsActor(), CopenhagenTime.Now(time));
        db.Consents.Add(consent);
        access.Log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Create, "Consent", consent.Id, decision);
        await access.Log.CommitAsync(cancellationToken);
        access.Invalidate(citizenId);
        return consent.Id;
    }

    /// <summary>A new version with new terms (e.g. the citizen limits it, or it is renewed). Null when not found or not allowed.</summary>
    public async Task<Guid?> ReviseAsync(Guid consentId, ConsentRequest request, CancellationToken cancellationToken)
    {
        var (consent, decision) = await FindForChangeAsync(consentId, cancellationToken);
        if (consent is null)
        {
            return null;
        }

        var terms = await TermsAsync(request, cancellationToken);
        var self = decision.BasisKind is AccessBasisKind.Self or AccessBasisKind.Proxy;
        var giving = self
            ? new ConsentGiving(decision.BasisKind == AccessBasisKind.Proxy ? ConsentGivenBy.Proxy : ConsentGivenBy.Citizen, decision.BasisKind == AccessBasisKind.Proxy ? access.User.DisplayName : null, ConsentMethod.CitizenOnline, null, null)
            : new ConsentGiving(request.GivenBy ?? consent.GivenBy, request.GivenByName ?? consent.GivenByName, ConsentMethod.SignedFormWitnessed, request.WitnessProfessionalId ?? access.User.ProfessionalId, request.DocumentId ?? consent.DocumentId);
        var next = consent.Revise(terms, giving, access.User.AsActor(), CopenhagenTime.Now(time));
        db.Consents.Add(next);
        access.Log.Record(consent.CitizenId, InformationCategory.StatusAndAppointments, AccessAction.Update, "Consent", next.Id, decision);
        await access.Log.CommitAsync(cancellationToken);
        access.Invalidate(consent.CitizenId);
        return next.Id;
    }

    /// <summary>Revokes at once. The citizen or proxy may always revoke; a professional on the course may register a revocation.</summary>
    public async Task<bool> RevokeAsync(Guid consentId, CancellationToken cancellationToken)
    {
        var (consent, decision) = await FindForChangeAsync(consentId, cancellationToken);
        if (consent is null)
        {
            return false;
        }

        consent.Revoke(access.User.AsActor(), CopenhagenTime.Now(time));
        access.Log.Record(consent.CitizenId, InformationCategory.StatusAndAppointments, AccessAction.Update, "Consent", consent.Id, decision);
        await access.Log.CommitAsync(cancellationToken);
        access.Invalidate(consent.CitizenId);
        return true;
    }

    /// <summary>The professional's networks they may not read yet, with the consent overview for each.</summary>
    public async Task<IReadOnlyList<NetworkConsentOverview>> NetworkOverviewAsync(CancellationToken cancellationToken)
    {
        var today = CopenhagenTime.Today(time);
        var overview = new List<NetworkConsentOverview>();
        foreach (var (record, consents) in await access.NetworkWithoutAccessAsync(cancellationToken))
        {
            overview.Add(new NetworkConsentOverview(record.Course.Id, record.Citizen.FullName, StateOf(consents, today), await ViewsAsync(consents, cancellationToken)));
        }

        return overview;
    }

    /// <summary>The citizen's own consents (or the proxy's citizen's).</summary>
    public async Task<IReadOnlyList<ConsentView>> MineAsync(CancellationToken cancellationToken)
    {
        var (citizenId, decision) = await SelfAsync(cancellationToken);
        var consents = await access.ConsentsOfAsync(citizenId, cancellationToken);
        access.Log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Read, "Consent", null, decision);
        await access.Log.CommitAsync(cancellationToken);
        return await ViewsAsync(consents, cancellationToken);
    }

    /// <summary>
    /// The citizen the signed-in citizen or proxy acts for. A proxy only while their power of attorney is
    /// valid, and for giving or limiting consent (<paramref name="consenting"/>) only if it says so.
    /// </summary>
    public async Task<(Guid CitizenId, AccessDecision Decision)> SelfAsync(CancellationToken cancellationToken, bool consenting = false)
    {
        var user = access.User;
        if (user.CitizenId is { } citizenId && user.IsCitizen)
        {
            return (citizenId, AccessDecision.By(AccessBasisKind.Self));
        }

        if (user.CitizenId is { } proxied && user.Roles.Contains(Infrastructure.Security.SamspilRoles.Proxy)
            && await access.ProxyMayActAsync(proxied, consenting, cancellationToken))
        {
            return (proxied, AccessDecision.By(AccessBasisKind.Proxy));
        }

        throw new DomainException("Consent.Self.Forbidden");
    }

    private async Task<Guid?> RegisterAsync(Guid courseId, ConsentRequest request, DocumentUpload? upload, bool uploadRequired, CancellationToken cancellationToken)
    {
        var record = await access.FindCourseForSteeringAsync(courseId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var errors = new ValidationErrors();
        ConsentDocument? document = null;
        if (upload is null && uploadRequired)
        {
            errors.Add("file", "Consent.Document.Required");
        }
        else if (upload is not null)
        {
            try
            {
                document = await ReadDocumentAsync(record.Citizen.Id, upload, cancellationToken);
            }
            catch (DomainException ex)
            {
                errors.Add(ex.Field ?? "file", ex.Code);
            }
        }

        var terms = await TermsAsync(request, cancellationToken, errors);
        var documentId = document?.Id ?? request.DocumentId;
        if (document is null && documentId is { } existing && !await access.DocumentBelongsToAsync(existing, record.Citizen.Id, cancellationToken))
        {
            throw new DomainException("Consent.Document.Unknown", "documentId");
        }

        var giving = new ConsentGiving(
            request.GivenBy ?? ConsentGivenBy.Citizen,
            request.GivenByName,
            ConsentMethod.SignedFormWitnessed,
            request.WitnessProfessionalId ?? access.User.ProfessionalId,
            documentId);

        // Built before anything is added to the unit of work, so a rule broken here saves nothing.
        var consent = Consent.Give(record.Citizen.Id, terms, giving, access.User.AsActor(), CopenhagenTime.Now(time));
        if (document is not null)
        {
            db.ConsentDocuments.Add(document);
            access.Log.Record(record.Citizen.Id, InformationCategory.StatusAndAppointments, AccessAction.Create, "ConsentDocument", document.Id, record.Decision);
        }

        db.Consents.Add(consent);
        access.Log.Record(record.Citizen.Id, InformationCategory.StatusAndAppointments, AccessAction.Create, "Consent", consent.Id, record.Decision);
        await access.Log.CommitAsync(cancellationToken);
        access.Invalidate(record.Citizen.Id);

        // R12: treatment started before the municipality could be told; this consent may let it be told now.
        if (record.Course.TreatmentStartedAt is not null && record.Course.MunicipalityToldAt is null
            && await treatmentStart.NotifyAsync(record.Course, cancellationToken) > 0)
        {
            access.Log.Record(record.Citizen.Id, InformationCategory.StatusAndAppointments, AccessAction.Update, "Course", record.Course.Id, record.Decision);
            await access.Log.CommitAsync(cancellationToken);
        }

        return consent.Id;
    }

    /// <summary>Reads an uploaded form into a document (not yet saved); size and type are checked before and after reading.</summary>
    private async Task<ConsentDocument> ReadDocumentAsync(Guid citizenId, DocumentUpload upload, CancellationToken cancellationToken)
    {
        if (upload.Length > ConsentDocument.MaxBytes)
        {
            throw new DomainException("Consent.Document.Size", "file");
        }

        using var buffer = new MemoryStream();
        await upload.Content.CopyToAsync(buffer, cancellationToken);
        return ConsentDocument.Upload(citizenId, upload.FileName, upload.ContentType, buffer.ToArray(), access.User.AsActor(), CopenhagenTime.Now(time));
    }

    /// <summary>
    /// The signed form behind a consent, for the citizen, their proxy, or a professional who may
    /// change one of the citizen's courses. Null (404) otherwise; the read is logged.
    /// </summary>
    public async Task<ConsentDocument?> DocumentAsync(Guid consentId, CancellationToken cancellationToken)
    {
        var (consent, decision) = await FindForChangeAsync(consentId, cancellationToken);
        if (consent is null)
        {
            return null;
        }

        var document = consent.DocumentId is { } id ? await access.DocumentAsync(id, cancellationToken) : null;
        if (document is null)
        {
            throw new DomainException("Consent.Document.NotFound");
        }

        access.Log.Record(consent.CitizenId, InformationCategory.StatusAndAppointments, AccessAction.Read, "ConsentDocument", document.Id, decision);
        await access.Log.CommitAsync(cancellationToken);
        return document;
    }

    private async Task<(Consent? Consent, AccessDecision Decision)> FindForChangeAsync(Guid consentId, CancellationToken cancellationToken)
    {
        var consent = await access.ConsentForChangeAsync(consentId, cancellationToken);
        if (consent is null)
        {
            return (null, AccessDecision.Denied);
        }

        var user = access.User;
        if (user.CitizenId == consent.CitizenId && user.IsCitizen)
        {
            return (consent, AccessDecision.By(AccessBasisKind.Self));
        }

        // A proxy changes a consent only while their power of attorney is valid and lets them consent for the citizen.
        if (user.CitizenId == consent.CitizenId && user.Roles.Contains(Infrastructure.Security.SamspilRoles.Proxy))
        {
            return await access.ProxyMayActAsync(consent.CitizenId, consenting: true, cancellationToken)
                ? (consent, AccessDecision.By(AccessBasisKind.Proxy))
                : (null, AccessDecision.Denied);
        }

        // A professional may change it (or see its signed form) if they may see this consent (ADR 0013:
        // registering a course shows nobody the citizen's other consents) and may change one of the citizen's courses.
        if (!(await access.VisibleConsentsAsync(consent.CitizenId, cancellationToken)).Any(k => k.Id == consent.Id))
        {
            return (null, AccessDecision.Denied);
        }

        var courseIds = (await access.ListCoursesAsync(q => q.Where(c => c.Citizen.Id == consent.CitizenId), InformationCategory.StatusAndAppointments, cancellationToken))
            .Select(r => r.Course.Id).ToList();
        foreach (var courseId in courseIds)
        {
            if (await access.FindCourseForSteeringAsync(courseId, cancellationToken) is { } record)
            {
                return (consent, record.Decision);
            }
        }

        return (null, AccessDecision.Denied);
    }

    /// <summary>Validates and builds the terms; <paramref name="errors"/> may already hold errors found by the caller, so all are reported together.</summary>
    private async Task<ConsentTerms> TermsAsync(ConsentRequest request, CancellationToken cancellationToken, ValidationErrors? errors = null)
    {
        errors ??= new ValidationErrors();
        var recipients = new List<ConsentRecipient>();
        var invalidRecipient = false;
        foreach (var input in request.Recipients ?? [])
        {
            if (input?.Kind is not { } kind || input.TargetId is not { } target || !await RecipientExistsAsync(kind, target, cancellationToken))
            {
                errors.Add("recipients", "Consent.Recipients.Invalid");
                invalidRecipient = true;
                break;
            }

            recipients.Add(new ConsentRecipient(kind, target));
        }

        if (recipients.Count == 0 && !invalidRecipient)
        {
            errors.Add("recipients", "Consent.Recipients.Required");
        }

        var categories = (request.Categories ?? []).Aggregate(InformationCategory.None, (all, c) => all | c);
        if (categories == InformationCategory.None || (request.Categories ?? []).Any(c => !InformationCategories.Each.Contains(c)))
        {
            errors.Add("categories", "Consent.Categories.Required");
        }

        errors.Required("purpose", request.Purpose, "Consent.Purpose.Required");
        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        var today = CopenhagenTime.Today(time);
        return new ConsentTerms(
            recipients,
            categories,
            (request.Purposes ?? []).Aggregate(AccessPurpose.None, (all, p) => all | p),
            request.Purpose,
            request.NotFor,
            request.ValidFrom ?? today,
            request.ValidTo,
            request.Condition ?? ConsentCondition.None,
            request.ExcludeRecordsBefore);
    }

    private Task<bool> RecipientExistsAsync(ConsentRecipientKind kind, Guid id, CancellationToken cancellationToken) => kind switch
    {
        ConsentRecipientKind.Professional => db.Professionals.AnyAsync(p => p.Id == id, cancellationToken),
        ConsentRecipientKind.PractitionerRole => db.PractitionerRoles.AnyAsync(r => r.Id == id, cancellationToken),
        ConsentRecipientKind.Organization => db.Organizations.AnyAsync(o => o.Id == id, cancellationToken),
        _ => Task.FromResult(false),
    };
}
