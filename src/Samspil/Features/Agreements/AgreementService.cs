using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samspil.Domain.Agreements;
using Samspil.Domain.Common;
using Samspil.Domain.Directory;
using Samspil.Features.Administration;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.Agreements;

/// <summary>The caller may read agreements but not change this one: they administer none of its parties.</summary>
public sealed class AgreementEditForbiddenException() : Exception("Only administrators of a party may change the agreement.");

/// <summary>
/// Collaboration agreements (samarbejdsaftaler): every signed-in staff member (professional, administrator, manager) reads
/// them; an administrator of a party organisation, or of an organisation above one, creates and changes them. Every change
/// is a new version. Agreements are not citizen data: no access policy, no access log.
/// </summary>
public sealed class AgreementService(
    SamspilDbContext db,
    CurrentUser me,
    AccountAdministration accounts,
    TimeProvider time,
    IOptions<AgreementOptions> options)
{
    private DateOnly Today => CopenhagenTime.Today(time);

    private static bool English => Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Staff and managers read agreements; citizens, proxies, integrations and anonymous callers do not.</summary>
    public bool CanRead => me.IsAuthenticated && !me.ActsForCitizen && (me.IsAdministrator || me.Roles.Contains(SamspilRoles.Professional) || me.IsManager);

    public int ReviewReminderDays => options.Value.ReviewReminderDays;

    public long MaxDocumentBytes => options.Value.MaxDocumentBytes;

    /// <summary>In force first, then upcoming, drafts and expired; by title within each.</summary>
    public async Task<IReadOnlyList<AgreementSummaryView>> ListAsync(AgreementListFilter filter, CancellationToken cancellationToken)
    {
        if (!CanRead)
        {
            return [];
        }

        var context = await ContextAsync(cancellationToken);
        var agreements = await db.Set<CollaborationAgreement>().AsNoTracking().ToListAsync(cancellationToken);
        var today = Today;
        var coveredParties = filter.OrganizationId is { } org ? context.AncestorsAndSelf(org) : null;
        return agreements
            .Select(a => (Agreement: a, Terms: a.Terms))
            .Where(x => filter.TargetGroup is not { Length: > 0 } code || x.Terms.TargetGroupCodes.Contains(code, StringComparer.Ordinal))
            .Where(x => coveredParties is null || x.Terms.Parties.Any(p => coveredParties.Contains(p.OrganizationId)))
            .OrderBy(x => StatusOrder(x.Agreement.StatusOn(today)))
            .ThenBy(x => x.Agreement.Title, StringComparer.CurrentCulture)
            .Select(x => new AgreementSummaryView(
                x.Agreement.Id,
                x.Agreement.Title,
                x.Agreement.StatusOn(today),
                x.Agreement.ValidFrom,
                x.Agreement.ValidTo,
                x.Agreement.NextReviewOn,
                x.Agreement.ReviewDue(today, ReviewReminderDays),
                context.TargetGroups(x.Terms.TargetGroupCodes),
                x.Terms.Parties.Select(p => context.PartyRef(p.OrganizationId)).ToList(),
                x.Agreement.Version,
                x.Agreement.IsDemo))
            .ToList();
    }

    public async Task<AgreementView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!CanRead || await db.Set<CollaborationAgreement>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } agreement)
        {
            return null;
        }

        var context = await ContextAsync(cancellationToken);
        var terms = agreement.Terms;
        var today = Today;
        return new AgreementView(
            agreement.Id,
            agreement.Title,
            terms.Purpose,
            agreement.StatusOn(today),
            agreement.ValidFrom,
            agreement.ValidTo,
            agreement.NextReviewOn,
            agreement.ReviewDue(today, ReviewReminderDays),
            context.TargetGroups(terms.TargetGroupCodes),
            context.Parties(terms),
            await DocumentViewAsync(agreement.Id, terms.DocumentId, cancellationToken),
            agreement.Version,
            agreement.UpdatedAt,
            agreement.UpdatedByName,
            await CanEditAsync(terms, cancellationToken),
            agreement.IsDemo);
    }

    /// <summary>Every version, newest first; null when there is no such agreement.</summary>
    public async Task<IReadOnlyList<AgreementVersionView>?> VersionsAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!CanRead || !await db.Set<CollaborationAgreement>().AnyAsync(a => a.Id == id, cancellationToken))
        {
            return null;
        }

        var context = await ContextAsync(cancellationToken);
        var versions = await db.Set<AgreementVersion>().AsNoTracking().Where(v => v.AgreementId == id).ToListAsync(cancellationToken);
        var documents = await db.Set<AgreementDocument>().AsNoTracking().Where(d => d.AgreementId == id).ToDictionaryAsync(d => d.Id, cancellationToken);
        return versions
            .OrderByDescending(v => v.Number)
            .Select(v =>
            {
                var terms = v.Terms;
                return new AgreementVersionView(
                    v.Number,
                    v.ChangedAt,
                    v.ChangedByName,
                    terms.Title,
                    terms.Purpose,
                    terms.IsDraft,
                    terms.ValidFrom,
                    terms.ValidTo,
                    terms.NextReviewOn,
                    context.TargetGroups(terms.TargetGroupCodes),
                    context.Parties(terms),
                    terms.DocumentId is { } documentId && documents.TryGetValue(documentId, out var document) ? DocumentView(document) : null);
            })
            .ToList();
    }

    /// <summary>Any document the agreement has had (so earlier versions' documents stay readable); null when there is none.</summary>
    public async Task<AgreementFile?> DocumentAsync(Guid agreementId, Guid documentId, CancellationToken cancellationToken)
    {
        if (!CanRead)
        {
            return null;
        }

        var document = await db.Set<AgreementDocument>().AsNoTracking().Include(d => d.Content)
            .SingleOrDefaultAsync(d => d.Id == documentId && d.AgreementId == agreementId, cancellationToken);
        return document?.Content is { } content ? new AgreementFile(content.Bytes, document.ContentType, document.FileName) : null;
    }

    /// <summary>Creates an agreement (version 1), with its document when one is given.</summary>
    public async Task<AgreementView> CreateAsync(AgreementRequest request, AgreementUpload? upload, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        var document = upload is null ? null : Upload(id, upload);
        var terms = await ValidateAsync(request, document?.Id, cancellationToken);
        var (agreement, version) = CollaborationAgreement.Create(id, terms, me.AsActor(), time.GetUtcNow());
        db.Add(agreement);
        if (document is not null)
        {
            db.Add(document);
        }

        db.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    /// <summary>
    /// Changes an agreement against <paramref name="expectedVersion"/> (null: whatever is current): a new version. Null
    /// when there is no such agreement; <see cref="AgreementVersionConflictException"/> on a stale version;
    /// <see cref="AgreementEditForbiddenException"/> when the caller administers none of its parties. A new document
    /// replaces the current one in the new version; without one the current document stays.
    /// </summary>
    public async Task<AgreementView?> UpdateAsync(Guid id, int? expectedVersion, AgreementRequest request, AgreementUpload? upload, CancellationToken cancellationToken)
    {
        if (await db.Set<CollaborationAgreement>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } agreement || !CanRead)
        {
            return null;
        }

        var current = agreement.Terms;
        if (!await CanEditAsync(current, cancellationToken))
        {
            throw new AgreementEditForbiddenException();
        }

        if (expectedVersion is { } expected && expected != agreement.Version)
        {
            throw new AgreementVersionConflictException(agreement.Version);
        }

        var document = upload is null ? null : Upload(id, upload);
        var terms = await ValidateAsync(request, document?.Id ?? current.DocumentId, cancellationToken);
        var version = agreement.Change(terms, me.AsActor(), time.GetUtcNow());
        if (document is not null)
        {
            db.Add(document);
        }

        db.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>A new document for the agreement, the rest unchanged: a new version.</summary>
    public async Task<AgreementView?> AttachDocumentAsync(Guid id, int? expectedVersion, AgreementUpload upload, CancellationToken cancellationToken)
    {
        if (await db.Set<CollaborationAgreement>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } agreement || !CanRead)
        {
            return null;
        }

        return await UpdateAsync(id, expectedVersion, RequestOf(agreement.Terms), upload, cancellationToken);
    }

    /// <summary>The current terms as a request, for a form or a change of the document alone.</summary>
    public static AgreementRequest RequestOf(AgreementTerms terms) => new(
        terms.Title,
        terms.Purpose,
        terms.TargetGroupCodes,
        terms.Parties.Select(p => new AgreementPartyRequest(p.OrganizationId, p.DecisionRights, p.ContactPractitionerRoleId, p.ContactName, p.ContactTitle, p.ContactPhone, p.ContactEmail)).ToList(),
        terms.ValidFrom,
        terms.ValidTo,
        terms.NextReviewOn,
        terms.IsDraft);

    public async Task<AgreementTerms?> TermsAsync(Guid id, CancellationToken cancellationToken) =>
        CanRead && await db.Set<CollaborationAgreement>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is { } agreement ? agreement.Terms : null;

    /// <summary>Whether the caller may create agreements at all (an administrator with an organisation).</summary>
    public bool CanCreate => me.IsAdministrator && me.OrganizationId is not null;

    /// <summary>
    /// The agreement a course runs under: in force today, for the course's target group, and with a party that is (or is
    /// above) each of the course's responsible organisations. The newest such agreement when there are several.
    /// </summary>
    public async Task<CourseAgreementRef?> ForCourseAsync(string targetGroupCode, IReadOnlyList<Guid> responsibleOrganizationIds, CancellationToken cancellationToken)
    {
        if (!CanRead || responsibleOrganizationIds.Count == 0)
        {
            return null;
        }

        var today = Today;
        var candidates = (await db.Set<CollaborationAgreement>().AsNoTracking()
                .Where(a => !a.IsDraft && a.ValidFrom <= today)
                .ToListAsync(cancellationToken))
            .Where(a => a.StatusOn(today) == AgreementStatus.InForce)
            .Select(a => (Agreement: a, Terms: a.Terms))
            .Where(x => x.Terms.TargetGroupCodes.Contains(targetGroupCode, StringComparer.Ordinal))
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var context = await ContextAsync(cancellationToken);
        var chains = responsibleOrganizationIds.Select(context.AncestorsAndSelf).ToList();
        return candidates
            .Where(x => chains.All(chain => x.Terms.Parties.Any(p => chain.Contains(p.OrganizationId))))
            .OrderByDescending(x => x.Agreement.ValidFrom)
            .ThenBy(x => x.Agreement.Title, StringComparer.Ordinal)
            .Select(x => new CourseAgreementRef(x.Agreement.Id, x.Agreement.Title, "/Agreements/" + x.Agreement.Id.ToString("D")))
            .FirstOrDefault();
    }

    /// <summary>The caller administers one of the parties, or an organisation above one (their organisation tree).</summary>
    public async Task<bool> CanEditAsync(AgreementTerms terms, CancellationToken cancellationToken)
    {
        if (!CanCreate)
        {
            return false;
        }

        var tree = (await accounts.TreeAsync(me, cancellationToken)).Select(o => o.Id).ToHashSet();
        return terms.Parties.Any(p => tree.Contains(p.OrganizationId));
    }

    /// <summary>Checks every field at once; the answer lists every fault under its path ("parties[1].organizationId").</summary>
    private async Task<AgreementTerms> ValidateAsync(AgreementRequest? request, Guid? documentId, CancellationToken cancellationToken)
    {
        request ??= new AgreementRequest(null, null, null, null, null, null, null, null);
        var errors = new ValidationErrors();
        var title = Text(errors, "title", request.Title, AgreementTerms.TitleMaxLength, "Agreement.Title", required: true);
        var purpose = Text(errors, "purpose", request.Purpose, AgreementTerms.PurposeMaxLength, "Agreement.Purpose", required: true);

        var codes = (request.TargetGroupCodes ?? []).Select(c => c?.Trim() ?? string.Empty).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var knownCodes = await db.TargetGroups.AsNoTracking().Select(t => t.Code).ToListAsync(cancellationToken);
        if (codes.Count == 0)
        {
            errors.Add("targetGroupCodes", "Agreement.TargetGroups.Required");
        }
        else if (codes.Count > AgreementTerms.MaxTargetGroups)
        {
            errors.Add("targetGroupCodes", "Agreement.TargetGroups.TooMany");
        }
        else if (codes.Any(c => !knownCodes.Contains(c, StringComparer.Ordinal)))
        {
            errors.Add("targetGroupCodes", "Agreement.TargetGroups.Unknown");
        }

        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Sector }).ToDictionaryAsync(o => o.Id, o => o.Sector, cancellationToken);
        var parties = new List<AgreementPartyTerms>();
        var requested = request.Parties ?? [];
        var tooMany = requested.Count > AgreementTerms.MaxParties;
        if (tooMany)
        {
            errors.Add("parties", "Agreement.Parties.TooMany");
            requested = [];
        }

        var roleIds = requested.Select(p => p?.ContactPractitionerRoleId).OfType<Guid>().ToList();
        var activeRoles = await db.PractitionerRoles.AsNoTracking().Where(r => roleIds.Contains(r.Id) && r.Active).Select(r => r.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < requested.Count; i++)
        {
            var p = requested[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"parties[{i}].");
            if (p is null)
            {
                errors.Add("parties", "Agreement.Party.Required");
                continue;
            }

            if (p.OrganizationId is not { } organizationId)
            {
                errors.Add(at + "organizationId", "Agreement.Party.Organization.Required");
            }
            else if (!organizations.ContainsKey(organizationId))
            {
                errors.Add(at + "organizationId", "Agreement.Party.Organization.Unknown");
            }
            else if (parties.Any(x => x.OrganizationId == organizationId))
            {
                errors.Add(at + "organizationId", "Agreement.Party.Organization.Duplicate");
            }

            var rights = Text(errors, at + "decisionRights", p.DecisionRights, AgreementTerms.DecisionRightsMaxLength, "Agreement.Party.DecisionRights", required: true);
            if (p.ContactPractitionerRoleId is { } roleId && !activeRoles.Contains(roleId))
            {
                errors.Add(at + "contactPractitionerRoleId", "Agreement.Party.ContactRole.Unknown");
            }

            var name = Text(errors, at + "contactName", p.ContactName, AgreementTerms.ContactNameMaxLength, "Agreement.Party.ContactName", required: false);
            var contactTitle = Text(errors, at + "contactTitle", p.ContactTitle, AgreementTerms.ContactTitleMaxLength, "Agreement.Party.ContactTitle", required: false);
            var phone = Text(errors, at + "contactPhone", p.ContactPhone, AgreementTerms.ContactPhoneMaxLength, "Agreement.Party.ContactPhone", required: false);
            var email = Text(errors, at + "contactEmail", p.ContactEmail, AgreementTerms.ContactEmailMaxLength, "Agreement.Party.ContactEmail", required: false);
            if (email is not null && (email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace)))
            {
                errors.Add(at + "contactEmail", "Agreement.Party.ContactEmail.Invalid");
            }

            if (p.OrganizationId is { } id && organizations.ContainsKey(id) && parties.All(x => x.OrganizationId != id))
            {
                parties.Add(new AgreementPartyTerms(id, rights ?? string.Empty, p.ContactPractitionerRoleId, name, contactTitle, phone, email));
            }
        }

        if (!tooMany && requested.Count(p => p?.OrganizationId is not null) < 2)
        {
            errors.Add("parties", "Agreement.Parties.TooFew");
        }
        else if (parties.Count >= 2 && parties.Select(p => organizations[p.OrganizationId]).Distinct().Count() < 2)
        {
            errors.Add("parties", "Agreement.Parties.OneSector");
        }

        if (request.ValidFrom is not { } validFrom)
        {
            errors.Add("validFrom", "Agreement.ValidFrom.Required");
            validFrom = default;
        }
        else if (request.ValidTo is { } validTo && validTo < validFrom)
        {
            errors.Add("validTo", "Agreement.ValidTo.BeforeValidFrom");
        }

        if (request.ValidFrom is { } from && request.NextReviewOn is { } review && review < from)
        {
            errors.Add("nextReviewOn", "Agreement.NextReviewOn.BeforeValidFrom");
        }

        if (errors.IsEmpty && parties.Count >= 2)
        {
            var tree = (await accounts.TreeAsync(me, cancellationToken)).Select(o => o.Id).ToHashSet();
            if (!parties.Any(p => tree.Contains(p.OrganizationId)))
            {
                errors.Add("parties", "Agreement.Parties.NoneOfYours");
            }
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        return new AgreementTerms(title!, purpose!, codes, parties, validFrom, request.ValidTo, request.NextReviewOn, request.IsDraft ?? false, documentId);
    }

    private static string? Text(ValidationErrors errors, string field, string? value, int maxLength, string code, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors.Add(field, code + ".Required");
            }

            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Add(field, code + ".TooLong");
            return null;
        }

        if (Guard.HasControlCharacters(trimmed))
        {
            errors.Add(field, code + ".InvalidCharacters");
            return null;
        }

        return trimmed;
    }

    private AgreementDocument Upload(Guid agreementId, AgreementUpload upload) =>
        AgreementDocument.Upload(agreementId, upload.FileName, upload.Content, options.Value.MaxDocumentBytes, me.AsActor(), time.GetUtcNow());

    private async Task<AgreementDocumentView?> DocumentViewAsync(Guid agreementId, Guid? documentId, CancellationToken cancellationToken) =>
        documentId is { } id && await db.Set<AgreementDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.AgreementId == agreementId, cancellationToken) is { } document
            ? DocumentView(document)
            : null;

    private static AgreementDocumentView DocumentView(AgreementDocument d) =>
        new(d.Id, d.FileName, d.ContentType, d.SizeBytes, d.UploadedAt, $"/api/v1/agreements/{d.AgreementId:D}/documents/{d.Id:D}");

    private static int StatusOrder(AgreementStatus status) => status switch
    {
        AgreementStatus.InForce => 0,
        AgreementStatus.Upcoming => 1,
        AgreementStatus.Draft => 2,
        _ => 3,
    };

    /// <summary>The directory as the views need it: organisations (with their parents), target groups and contact roles.</summary>
    private async Task<DirectoryContext> ContextAsync(CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking().Select(o => new OrganizationEntry(o.Id, o.Name, o.Sector, o.PartOfId)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var groups = await db.TargetGroups.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.DisplayName(English), StringComparer.Ordinal, cancellationToken);
        var roles = await (
                from role in db.PractitionerRoles.AsNoTracking()
                join professional in db.Professionals.AsNoTracking() on role.ProfessionalId equals professional.Id
                select new AgreementContactView(professional.Name, role.Title, role.DirectPhone, role.DirectEmail, role.Id))
            .ToDictionaryAsync(r => r.PractitionerRoleId!.Value, cancellationToken);
        return new DirectoryContext(organizations, groups, roles);
    }

    private sealed record OrganizationEntry(Guid Id, string Name, Sector Sector, Guid? PartOfId);

    private sealed record DirectoryContext(
        IReadOnlyDictionary<Guid, OrganizationEntry> Organizations,
        IReadOnlyDictionary<string, string> GroupNames,
        IReadOnlyDictionary<Guid, AgreementContactView> Roles)
    {
        /// <summary>The organisation and every organisation above it (a cycle in bad data ends the walk).</summary>
        public IReadOnlySet<Guid> AncestorsAndSelf(Guid id)
        {
            var chain = new HashSet<Guid>();
            Guid? at = id;
            while (at is { } current && chain.Add(current))
            {
                at = Organizations.TryGetValue(current, out var o) ? o.PartOfId : null;
            }

            return chain;
        }

        public IReadOnlyList<AgreementTargetGroupView> TargetGroups(IReadOnlyList<string> codes) =>
            codes.Select(c => new AgreementTargetGroupView(c, GroupNames.GetValueOrDefault(c, c))).ToList();

        public AgreementPartyRef PartyRef(Guid organizationId) =>
            Organizations.TryGetValue(organizationId, out var o) ? new AgreementPartyRef(o.Id, o.Name, o.Sector) : new AgreementPartyRef(organizationId, "—", Sector.Region);

        public IReadOnlyList<AgreementPartyView> Parties(AgreementTerms terms) =>
            terms.Parties.Select(p =>
            {
                var organization = PartyRef(p.OrganizationId);
                var contact = p.ContactPractitionerRoleId is { } roleId && Roles.TryGetValue(roleId, out var role)
                    ? role
                    : p.ContactName is null && p.ContactTitle is null && p.ContactPhone is null && p.ContactEmail is null
                        ? null
                        : new AgreementContactView(p.ContactName, p.ContactTitle, p.ContactPhone, p.ContactEmail, null);
                return new AgreementPartyView(organization.OrganizationId, organization.Name, organization.Sector, p.DecisionRights, contact);
            }).ToList();
    }
}

/// <summary>An uploaded file, read into memory (the size is checked before reading and again in the domain).</summary>
public sealed record AgreementUpload(string? FileName, byte[] Content);
