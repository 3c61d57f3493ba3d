using Microsoft.EntityFrameworkCore;
using Samspil.Domain.Audit;
using Samspil.Domain.Citizens;
using Samspil.Domain.Consents;
using Samspil.Domain.MasterData;

namespace Samspil.Features.Access;

/// <summary>Who corrects a citizen's own record: staff correct all of it; the citizen and a proxy everything but the name (ADR 0014).</summary>
public enum CitizenEditor
{
    Staff = 0,
    Citizen = 1,
    Proxy = 2,
}

/// <summary>A citizen's own record, read or found for correction, with the citizen-level basis that decided it.</summary>
public sealed record CitizenRecord(Citizen Citizen, AccessDecision Decision);

/// <summary>Master data corrections (ADR 0014): who may correct a citizen's own record, and the change history.</summary>
public sealed partial class CitizenDataAccess
{
    /// <summary>
    /// Reads a citizen's own record for correcting it; null (404) unless the user may read it at
    /// citizen level (ADR 0013). The read is logged before it is returned.
    /// </summary>
    public async Task<CitizenRecord?> ReadCitizenAsync(Guid citizenId, CancellationToken cancellationToken)
    {
        var found = await CitizenAtCitizenLevelAsync(citizenId, tracked: false, cancellationToken);
        if (found is not null)
        {
            log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Read, "Citizen", citizenId, found.Decision);
            await log.CommitAsync(cancellationToken);
        }

        return found;
    }

    /// <summary>
    /// Finds a citizen's own record to correct, and who is correcting it: the citizen, their proxy,
    /// or staff whose citizen-level basis covers the record (the organisation that registered the
    /// citizen, or a consent in force naming them). Registering a course or being responsible for
    /// one is no such basis. Null (404) otherwise. The caller records the change and commits.
    /// </summary>
    public async Task<(CitizenRecord Record, CitizenEditor Editor)?> FindCitizenForChangeAsync(Guid citizenId, CancellationToken cancellationToken, bool tracked = true)
    {
        var found = await CitizenAtCitizenLevelAsync(citizenId, tracked, cancellationToken);
        if (found is null)
        {
            return null;
        }

        CitizenEditor? editor = found.Decision.BasisKind switch
        {
            AccessBasisKind.Self => CitizenEditor.Citizen,
            AccessBasisKind.Proxy => CitizenEditor.Proxy,
            AccessBasisKind.OwnRecords or AccessBasisKind.Consent when user.IsStaff => CitizenEditor.Staff,
            _ => null,
        };
        return editor is { } e ? (found, e) : null;
    }

    /// <summary>Records a correction's changed fields in the history and its access-log entry; the caller commits.</summary>
    public void RecordMasterDataChanges(MasterDataEntity entity, Guid entityId, Guid citizenId, int version, IReadOnlyList<FieldChange> changes, AccessDecision decision, Domain.Common.Moment now)
    {
        foreach (var change in changes)
        {
            db.MasterDataChanges.Add(MasterDataChange.Record(entity, entityId, citizenId, version, change, user.AsActor(), now));
        }

        log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Update, entity == MasterDataEntity.Citizen ? "Citizen" : "CourseMasterData", entityId, decision);
    }

    /// <summary>The corrections of one citizen's record or one course, newest first; the caller has decided the user may read them. Logged as a read.</summary>
    public async Task<IReadOnlyList<MasterDataChange>> MasterDataHistoryAsync(MasterDataEntity entity, Guid entityId, Guid citizenId, AccessDecision decision, CancellationToken cancellationToken)
    {
        var changes = await db.MasterDataChanges.AsNoTracking()
            .Where(c => c.Entity == entity && c.EntityId == entityId && c.CitizenId == citizenId)
            .ToListAsync(cancellationToken);
        log.Record(citizenId, InformationCategory.StatusAndAppointments, AccessAction.Read, "MasterDataHistory", entityId, decision);
        await log.CommitAsync(cancellationToken);
        return changes.OrderByDescending(c => c.ChangedAt).ThenBy(c => c.Field, StringComparer.Ordinal).ToList();
    }

    /// <summary>Discards tracked changes after a refused correction, so nothing of it is saved by a later commit.</summary>
    public void DiscardChanges() => db.ChangeTracker.Clear();

    private async Task<CitizenRecord?> CitizenAtCitizenLevelAsync(Guid citizenId, bool tracked, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
        {
            return null;
        }

        var query = tracked ? db.Citizens : db.Citizens.AsNoTracking();
        var citizen = await query.SingleOrDefaultAsync(c => c.Id == citizenId, cancellationToken);
        if (citizen is null)
        {
            return null;
        }

        var decision = await DecideAsync(AccessSubject.OfCitizen(citizen.Id, citizen.RecordedByOrganizationId), InformationCategory.StatusAndAppointments, cancellationToken);
        return decision.Permitted ? new CitizenRecord(citizen, decision) : null;
    }
}
