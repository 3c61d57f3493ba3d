using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.Meetings;
using Samspil.Features.Consents;
using Samspil.Infrastructure.ErrorHandling;
using Samspil.Infrastructure.Persistence;

namespace Samspil.Features.Administration;

/// <summary>
/// Reference data that only administrators change: legal bases and meeting models (organisations and
/// target groups are the <see cref="Directory.DirectoryService"/>'s). Not citizen data.
/// </summary>
public sealed class ReferenceDataService(SamspilDbContext db)
{
    public async Task<IReadOnlyList<LegalBasisView>> LegalBasesAsync(CancellationToken cancellationToken) =>
        (await db.LegalBases.AsNoTracking().OrderBy(b => b.Code).ToListAsync(cancellationToken)).Select(ToView).ToList();

    public async Task<LegalBasisView?> LegalBasisAsync(string code, CancellationToken cancellationToken) =>
        await FindLegalBasisAsync(code, tracked: false, cancellationToken) is { } basis ? ToView(basis) : null;

    public async Task<LegalBasisView> CreateLegalBasisAsync(LegalBasisRequest request, CancellationToken cancellationToken)
    {
        var basis = LegalBasis.Create(request.Code, request.Title, request.LawReference, request.Categories ?? InformationCategory.None, request.Purposes ?? AccessPurpose.None, request.RecipientKinds);
        if (!request.Active.GetValueOrDefault(true))
        {
            basis.Update(basis.Title, basis.LawReference, basis.Categories, basis.Purposes, basis.RecipientKinds, active: false);
        }

        if (await db.LegalBases.AnyAsync(b => b.Code == basis.Code, cancellationToken))
        {
            throw new DomainException("LegalBasis.Code.Exists", "code");
        }

        db.LegalBases.Add(basis);
        await db.SaveChangesAsync(cancellationToken);
        return ToView(basis);
    }

    public async Task<LegalBasisView?> UpdateLegalBasisAsync(string code, LegalBasisRequest request, CancellationToken cancellationToken)
    {
        if (await FindLegalBasisAsync(code, tracked: true, cancellationToken) is not { } basis)
        {
            return null;
        }

        basis.Update(request.Title, request.LawReference, request.Categories ?? InformationCategory.None, request.Purposes ?? AccessPurpose.None, request.RecipientKinds, request.Active ?? basis.Active);
        await db.SaveChangesAsync(cancellationToken);
        return ToView(basis);
    }

    public async Task<IReadOnlyList<MeetingTemplateView>> MeetingTemplatesAsync(CancellationToken cancellationToken) =>
        (await db.MeetingTemplates.AsNoTracking().OrderBy(t => t.Key).ToListAsync(cancellationToken)).Select(ToView).ToList();

    public async Task<MeetingTemplateView?> MeetingTemplateAsync(string key, CancellationToken cancellationToken) =>
        await FindTemplateAsync(key, tracked: false, cancellationToken) is { } template ? ToView(template) : null;

    public async Task<MeetingTemplateView> CreateMeetingTemplateAsync(MeetingTemplateRequest request, CancellationToken cancellationToken)
    {
        var (steps, groups) = await ValidateAsync(request, cancellationToken);
        var template = MeetingTemplate.Create(request.Key, request.NameDa, request.NameEn, steps, string.Join(',', groups));
        if (!request.Active.GetValueOrDefault(true))
        {
            template.Update(template.NameDa, template.NameEn, template.Steps, groups, active: false);
        }

        if (await db.MeetingTemplates.AnyAsync(t => t.Key == template.Key, cancellationToken))
        {
            throw new DomainException("MeetingTemplate.Key.Exists", "key");
        }

        db.MeetingTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        return ToView(template);
    }

    /// <summary>
    /// Replaces a model whole. <paramref name="expectedVersion"/> (null: whatever is current) must be the stored
    /// version, else <see cref="ReferenceDataConflictException"/>. Meetings already proposed keep their own copy.
    /// </summary>
    public async Task<MeetingTemplateView?> UpdateMeetingTemplateAsync(string key, int? expectedVersion, MeetingTemplateRequest request, CancellationToken cancellationToken)
    {
        if (await FindTemplateAsync(key, tracked: true, cancellationToken) is not { } template)
        {
            return null;
        }

        if (expectedVersion is { } expected && expected != template.Version)
        {
            throw new ReferenceDataConflictException(template.Version);
        }

        var (steps, groups) = await ValidateAsync(request, cancellationToken);
        template.Update(request.NameDa, request.NameEn, steps, groups, request.Active ?? template.Active);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await FindTemplateAsync(key, tracked: false, cancellationToken);
            throw new ReferenceDataConflictException(current?.Version ?? 0);
        }

        return ToView(template);
    }

    private async Task<(List<TemplateStep> Steps, List<string> Groups)> ValidateAsync(MeetingTemplateRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var steps = new List<TemplateStep>();
        var requested = request.Steps ?? [];
        if (requested.Count == 0)
        {
            errors.Add("steps", "MeetingTemplate.Steps.Required");
        }
        else if (requested.Count > MeetingTemplate.MaxSteps)
        {
            errors.Add("steps", "MeetingTemplate.Steps.TooMany");
        }
        else
        {
            for (var i = 0; i < requested.Count; i++)
            {
                var field = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"steps[{i}]");
                if (requested[i] is not { } s)
                {
                    errors.Add(field, "MeetingTemplate.Steps.Required");
                    continue;
                }

                errors.Required(field + ".kind", s.Kind, "MeetingTemplate.Step.Kind");
                errors.Required(field + ".format", s.Format, "MeetingTemplate.Step.Format");
                errors.Required(field + ".offsetDays", s.OffsetDays, "MeetingTemplate.Step.Offset");
                errors.Required(field + ".windowDays", s.WindowDays, "MeetingTemplate.Step.Window");
                if (s is { Kind: { } kind, Format: { } format, OffsetDays: { } offset, WindowDays: { } window })
                {
                    steps.Add(new TemplateStep(kind, s.TitleDa!, s.TitleEn!, format, offset, window, s.RepeatEveryDays, s.ParticipantRoles, s.Trigger ?? MeetingTrigger.ModelApplied, s.TriggerPhase, s.AfterStep));
                }
            }
        }

        var groups = (request.DefaultForTargetGroups ?? []).Select(g => g?.Trim() ?? string.Empty).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (groups.Any(g => Guard.HasControlCharacters(g) || g.Length > 50))
        {
            errors.Add("defaultForTargetGroups", "MeetingTemplate.TargetGroups.Unknown");
        }
        else if (groups.Count > 0 && await db.TargetGroups.CountAsync(t => groups.Contains(t.Code), cancellationToken) != groups.Count)
        {
            errors.Add("defaultForTargetGroups", "MeetingTemplate.TargetGroups.Unknown");
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors);
        }

        return (steps, groups);
    }

    private async Task<LegalBasis?> FindLegalBasisAsync(string code, bool tracked, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 50 || Guard.HasControlCharacters(code))
        {
            return null;
        }

        var query = tracked ? db.LegalBases : db.LegalBases.AsNoTracking();
        return await query.SingleOrDefaultAsync(b => b.Code == code, cancellationToken);
    }

    private async Task<MeetingTemplate?> FindTemplateAsync(string key, bool tracked, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 50 || Guard.HasControlCharacters(key))
        {
            return null;
        }

        var query = tracked ? db.MeetingTemplates : db.MeetingTemplates.AsNoTracking();
        return await query.SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
    }

    private static LegalBasisView ToView(LegalBasis b) => new(b.Code, b.Title, b.LawReference, b.Categories, b.Purposes, b.RecipientKinds, b.Active);

    private static MeetingTemplateView ToView(MeetingTemplate t) => new(t.Key, t.NameDa, t.NameEn, t.Active, t.DefaultTargetGroupCodes, t.Steps, t.Version);
}
