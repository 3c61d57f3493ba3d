using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Common;
using Samspil.Domain.Consents;
using Samspil.Domain.CrisisPlans;
using Samspil.Domain.Offerings;
using Samspil.Features.Access;
using Samspil.Features.Network;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Time;

namespace Samspil.Features.CrisisPlans;

/// <summary>
/// Use cases of the crisis plan, shared by the API and the pages. Reads and changes go through
/// <see cref="CitizenDataAccess"/> in the category "helbred og behandling"; every save replaces the whole
/// content as a new version and must name the version it was made against (ETag / If-Match, or the form's hidden field).
/// </summary>
public sealed class CrisisPlanService(SamspilDbContext db, CitizenDataAccess access, TimeProvider time)
{
    private const InformationCategory Category = CitizenDataAccess.CrisisPlanCategory;

    public async Task<CrisisPlanView?> GetAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var record = await access.ReadCrisisPlanAsync(courseId, cancellationToken);
        return record is null ? null : await ToViewAsync(record, cancellationToken);
    }

    /// <summary>The plan with what its edit form offers; null (404) unless the user may change it.</summary>
    public async Task<(CrisisPlanView Plan, CrisisPlanOptions Options)?> GetForEditAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var view = await GetAsync(courseId, cancellationToken);
        if (view is not { CanEdit: true })
        {
            return null;
        }

        var found = await access.FindCrisisPlanForChangeAsync(courseId, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var today = CopenhagenTime.Today(time);
        var members = found.Value.Record.Course.Course.Members.Where(m => m.IsActiveOn(today)).ToList();
        var roles = await MemberDirectory.RolesOfAsync(db, members, cancellationToken);
        var memberOptions = members
            .Select(m => m.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r)
                ? new CrisisContactOption(m.Id, $"{r.Professional.Name}, {r.Organization.Name}", null)
                : new CrisisContactOption(m.Id, m.Relation is { } relation ? $"{m.PersonName} ({relation})" : m.PersonName ?? string.Empty, null))
            .OrderBy(o => o.Label, StringComparer.CurrentCulture)
            .ToList();

        // After-hours and crisis offerings, plus any already chosen (an offering picked by id through the API).
        var chosen = view.DayContacts.Concat(view.NightContacts).Where(c => c.OfferingId is not null).Select(c => c.OfferingId!.Value).ToList();
        var now = time.GetUtcNow();
        var offerings = (await db.Offerings.AsNoTracking()
                .Where(o => o.Status == OfferingStatus.Active && (o.IsAfterHours || o.IsCrisis || chosen.Contains(o.Id)))
                .OrderBy(o => o.Name)
                .Take(200)
                .ToListAsync(cancellationToken))
            .Select(o => new CrisisContactOption(o.Id, o.Name, o.Hours.IsOpenAt(now)))
            .ToList();
        return (view, new CrisisPlanOptions(memberOptions, offerings));
    }

    /// <summary>
    /// Saves the whole plan as a new version against <paramref name="expectedVersion"/> (null: whatever is current).
    /// Null (404) when the user may not change it; a broken rule is a <see cref="DomainException"/>, a stale version a
    /// <see cref="CrisisPlanVersionConflictException"/>. The change and its access-log entry are saved together.
    /// </summary>
    public async Task<CrisisPlanView?> SaveAsync(Guid courseId, int? expectedVersion, CrisisPlanDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var found = await access.FindCrisisPlanForChangeAsync(courseId, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var ((record, existing), author) = found.Value;
        var now = CopenhagenTime.Now(time);
        if (record.Course.IsEnded(now.Today))
        {
            throw new DomainException("Course.Ended");
        }

        var members = record.Course.Members.Where(m => m.IsActiveOn(now.Today)).Select(m => m.Id).ToHashSet();
        var asked = (draft.DayContacts ?? []).Concat(draft.NightContacts ?? [])
            .Where(c => c is { Kind: CrisisContactKind.Offering, OfferingId: not null })
            .Select(c => c!.OfferingId!.Value)
            .Distinct()
            .Take(100)
            .ToList();
        var offerings = (await db.Offerings.AsNoTracking().Where(o => asked.Contains(o.Id) && o.Status == OfferingStatus.Active).Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
        var content = CrisisPlanContent.Normalise(draft, members, offerings);

        var plan = existing;
        var action = AccessAction.Update;
        if (plan is null)
        {
            if (expectedVersion is { } expected && expected != 0)
            {
                throw new CrisisPlanVersionConflictException(expected, 0);
            }

            plan = CrisisPlan.Create(courseId, record.Citizen.Id, now.Utc);
            db.CrisisPlans.Add(plan);
            action = AccessAction.Create;
        }
        else
        {
            plan.EnsureVersion(expectedVersion);
        }

        db.CrisisPlanVersions.Add(plan.Save(content, access.User.AsActor(), author, now.Utc));
        access.Log.Record(record.Citizen.Id, Category, action, "CrisisPlan", plan.Id, record.Decision);
        try
        {
            await access.Log.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.Entries.Any(e => e.Entity is CrisisPlan or CrisisPlanVersion))
        {
            // Someone saved first (the same version, or the course's first crisis plan at the same time).
            db.ChangeTracker.Clear();
            throw new CrisisPlanVersionConflictException(expectedVersion ?? 0, -1);
        }

        return await GetAsync(courseId, cancellationToken);
    }

    private async Task<CrisisPlanView> ToViewAsync(CrisisPlanRecord record, CancellationToken cancellationToken)
    {
        var (course, citizen, decision) = record.Course;
        var content = record.Plan?.Content ?? CrisisPlanContent.Empty;
        var now = time.GetUtcNow();
        var today = CopenhagenTime.DateOf(now);

        var members = course.Members.ToDictionary(m => m.Id);
        var roles = await MemberDirectory.RolesOfAsync(db, course.Members, cancellationToken);
        var offeringIds = content.DayContacts.Concat(content.NightContacts).Where(c => c.OfferingId is not null).Select(c => c.OfferingId!.Value).Distinct().ToList();
        var offerings = offeringIds.Count == 0
            ? new Dictionary<Guid, Offering>()
            : await db.Offerings.AsNoTracking().Where(o => offeringIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);

        CrisisContactView Resolve(CrisisContact c)
        {
            switch (c.Kind)
            {
                case CrisisContactKind.NetworkMember when c.MemberId is { } id && members.TryGetValue(id, out var m):
                    return m.PractitionerRoleId is { } roleId && roles.TryGetValue(roleId, out var r)
                        ? new CrisisContactView(c.Kind, id, null, r.Professional.Name, r.Organization.Name, r.Role.DirectPhone ?? r.Organization.PublicPhone, c.Note, null, false, false, false, null, m.IsActiveOn(today))
                        : new CrisisContactView(c.Kind, id, null, m.PersonName ?? string.Empty, m.Relation, m.Phone, c.Note, null, false, false, false, null, m.IsActiveOn(today));
                case CrisisContactKind.Offering when c.OfferingId is { } id && offerings.TryGetValue(id, out var o):
                    return new CrisisContactView(c.Kind, null, id, o.Name, null, o.Phone, c.Note, o.Hours.IsOpenAt(now), o.AlwaysOpen, o.IsAfterHours, o.IsCrisis, o.HoursNote, o.Status == OfferingStatus.Active);
                case CrisisContactKind.Person:
                    return new CrisisContactView(c.Kind, null, null, c.Name ?? string.Empty, null, c.Phone, c.Note, null, false, false, false, null, true);
                default:
                    return new CrisisContactView(c.Kind, c.MemberId, c.OfferingId, "?", null, null, c.Note, null, false, false, false, null, false);
            }
        }

        var self = decision.BasisKind is AccessBasisKind.Self or AccessBasisKind.Proxy;
        var open = !course.IsEnded(today);
        var canEdit = open && (self || await access.MayChangeAsync(record.Course, cancellationToken));
        var plan = record.Plan;
        return new CrisisPlanView(
            course.Id,
            plan?.Id,
            plan?.Version ?? 0,
            citizen.FullName,
            course.IsDemo,
            plan?.UpdatedAt,
            plan?.UpdatedByName,
            plan?.UpdatedByKind,
            content.EarlySigns,
            content.WhatHelps,
            content.WhatIDo,
            content.DayContacts.Select(Resolve).ToList(),
            content.NightContacts.Select(Resolve).ToList(),
            content.DoNotWant,
            content.PeopleToTell,
            canEdit,
            self);
    }
}
