using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Samspil.Domain.Audit;
using Samspil.Domain.Consents;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Audit;

/// <summary>Someone a notice about a citizen may reach, with the basis that permits it.</summary>
public sealed record NoticeRecipient(Guid UserId, string DisplayName, Guid? OrganizationId, AccessDecision Decision);

/// <summary>
/// Records who did what to which citizen's data, on which basis, and writes it in the same
/// transaction as the change it logs. A read is only returned after its log entry is committed:
/// if the log cannot be written, the read fails. Features never call SaveChanges themselves for
/// citizen data; they call <see cref="CommitAsync"/>.
/// </summary>
public sealed class AccessLog(SamspilDbContext db, CurrentUser user, IHttpContextAccessor http, TimeProvider time)
{
    private readonly List<AccessLogDraft> _pending = [];

    public void Record(Guid citizenId, InformationCategory category, AccessAction action, string resourceType, Guid? resourceId, AccessDecision decision, AccessPurpose purpose = AccessPurpose.Coordination) =>
        Add(user.UserId, user.DisplayName, user.OrganizationId, citizenId, category, action, resourceType, resourceId, decision, purpose);

    /// <summary>
    /// Records that <paramref name="recipient"/> was sent a notice about the citizen, on the basis the
    /// policy found for them: the citizen's log then says who was told, not who caused the telling.
    /// </summary>
    public void RecordNotice(NoticeRecipient recipient, Guid citizenId, InformationCategory category, Guid notificationId) =>
        Add(recipient.UserId, recipient.DisplayName, recipient.OrganizationId, citizenId, category, AccessAction.Notified, "Notification", notificationId, recipient.Decision, AccessPurpose.Coordination);

    private void Add(Guid userId, string userName, Guid? organizationId, Guid citizenId, InformationCategory category, AccessAction action, string resourceType, Guid? resourceId, AccessDecision decision, AccessPurpose purpose)
    {
        if (!decision.Permitted || decision.BasisKind is not { } basis)
        {
            throw new InvalidOperationException("Only permitted access is recorded; a denied read returns nothing.");
        }

        _pending.Add(new AccessLogDraft(
            time.GetUtcNow(),
            userId,
            userName,
            organizationId,
            citizenId,
            category,
            action,
            resourceType,
            resourceId,
            basis,
            decision.ConsentId,
            decision.ConsentVersion,
            decision.LegalBasisCode,
            purpose,
            http.HttpContext?.TraceIdentifier ?? "system"));
    }

    /// <summary>
    /// Saves pending changes and log entries atomically, each entry appended to its citizen's chain with that chain's
    /// head locked (ADR 0015). The pending entries are dropped either way: when the save fails, nothing they describe happened.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        using var measurement = Infrastructure.Telemetry.SamspilTelemetry.StartAppend(_pending.Count); // docs/telemetry.md
        try
        {
            await CommitPendingAsync(cancellationToken);
            measurement.Succeeded();
        }
        finally
        {
            _pending.Clear();
        }
    }

    /// <summary>
    /// The pending entries in the order their chain heads are locked: by citizen (the same order in every request and
    /// instance, so two appends that touch the same citizens cannot deadlock), a citizen's entries in recorded order.
    /// </summary>
    private List<AccessLogDraft> InLockOrder() => _pending.OrderBy(d => d.CitizenId).ToList();

    private async Task CommitPendingAsync(CancellationToken cancellationToken)
    {
        if (db is PostgresSamspilDbContext)
        {
            await CommitOnPostgresAsync(cancellationToken);
            return;
        }

        // SQLite has one writer per file anyway; the writer's turn keeps two requests in one process from racing for a head.
        await db.EnterSqliteWriterAsync(cancellationToken);
        try
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            if (_pending.Count > 0)
            {
                await AppendWithEfAsync(cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            db.ExitSqliteWriter();
        }
    }

    /// <summary>
    /// PostgreSQL: the entries are appended by the server-side function <c>samspil_append_access_log</c> (locks the
    /// citizen's chain head, takes the next sequence number, hashes, inserts, advances the head), one call per entry in
    /// one batch. A read changes nothing else, so its batch is the whole commit: one round trip, in one implicit
    /// transaction. A change is saved first and the batch follows in the same transaction, so the head locks are held
    /// only for the end of it.
    /// </summary>
    private async Task CommitOnPostgresAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count > 0 && db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await AppendInOneRoundTripAsync(null, cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        db.AccessLogAppendFollows = _pending.Count > 0;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.AccessLogAppendFollows = false;
        }

        if (_pending.Count > 0)
        {
            await AppendInOneRoundTripAsync((NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task AppendInOneRoundTripAsync(NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), transaction);
        foreach (var draft in InLockOrder())
        {
            var at = AccessLogEntry.NormalizeTime(draft.At);
            var command = new NpgsqlBatchCommand("SELECT samspil_append_access_log($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)");
            command.Parameters.Add(Parameter(NpgsqlDbType.TimestampTz, at));
            command.Parameters.Add(Parameter(NpgsqlDbType.Bigint, at.UtcTicks));
            command.Parameters.Add(Parameter(NpgsqlDbType.Uuid, draft.UserId));
            command.Parameters.Add(Parameter(NpgsqlDbType.Text, draft.UserName));
            command.Parameters.Add(Parameter(NpgsqlDbType.Uuid, draft.OrganizationId));
            command.Parameters.Add(Parameter(NpgsqlDbType.Uuid, draft.CitizenId));
            command.Parameters.Add(Parameter(NpgsqlDbType.Text, draft.Category.ToString()));
            command.Parameters.Add(Parameter(NpgsqlDbType.Integer, (int)draft.Category));
            command.Parameters.Add(Parameter(NpgsqlDbType.Text, draft.Action.ToString()));
            command.Parameters.Add(Parameter(NpgsqlDbType.Integer, (int)draft.Action));
            command.Parameters.Add(Parameter(NpgsqlDbType.Text, draft.ResourceType));
            command.Parameters.Add(Parameter(NpgsqlDbType.Uuid, draft.ResourceId));
            command.Parameters.Add(Parameter(NpgsqlDbType.Text, draft.Basis.ToString()));
            command.Parameters.Add(Parameter(NpgsqlDbType.Integer, (int)draft.Basis));
            command.Parameters.Add(Parameter(NpgsqlDbType.Uuid, draft.ConsentId));
            command.Parameters.Add(Parameter(NpgsqlDbType.Integer, draft.ConsentVersion));
            command.Parameters.Add(Parameter(NpgsqlDbType.Text, draft.LegalBasisCode));
            command.Parameters.Add(Parameter(NpgsqlDbType.Text, draft.Purpose.ToString()));
            command.Parameters.Add(Parameter(NpgsqlDbType.Integer, (int)draft.Purpose));
            command.Parameters.Add(Parameter(NpgsqlDbType.Text, draft.RequestId));
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Parameter(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    /// <summary>
    /// SQLite, inside the writer's turn and the transaction: the same append as the PostgreSQL function, through EF —
    /// each citizen's chain head read (created at position 0 if it is the chain's first entry), the next sequence number
    /// after the log's highest, the entry hashed and added, the head advanced.
    /// </summary>
    private async Task AppendWithEfAsync(CancellationToken cancellationToken)
    {
        var drafts = InLockOrder();
        var citizenIds = drafts.Select(d => d.CitizenId).Distinct().ToList();
        var stored = await db.AccessLogChainHeads.AsNoTracking().Where(h => citizenIds.Contains(h.CitizenId)).ToDictionaryAsync(h => h.CitizenId, cancellationToken);
        var sequence = await db.AccessLog.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var heads = new Dictionary<Guid, AccessLogChainHead>();
        foreach (var citizenId in citizenIds)
        {
            heads[citizenId] = Track(citizenId, stored.GetValueOrDefault(citizenId));
        }

        foreach (var draft in drafts)
        {
            var head = heads[draft.CitizenId];
            var entry = AccessLogEntry.AppendToCitizenChain(draft, ++sequence, head.Position + 1, head.Hash);
            db.AccessLog.Add(entry);
            head.Position = entry.ChainPosition;
            head.Hash = entry.Hash;
        }
    }

    /// <summary>The head to advance, tracked; a copy tracked from an earlier commit in this request may be stale, so it takes the stored values.</summary>
    private AccessLogChainHead Track(Guid citizenId, AccessLogChainHead? stored)
    {
        var tracked = db.AccessLogChainHeads.Local.FirstOrDefault(h => h.CitizenId == citizenId);
        if (stored is null)
        {
            if (tracked is not null)
            {
                db.Entry(tracked).State = EntityState.Detached;
            }

            var created = new AccessLogChainHead { CitizenId = citizenId };
            db.AccessLogChainHeads.Add(created);
            return created;
        }

        if (tracked is null)
        {
            db.AccessLogChainHeads.Attach(stored);
            return stored;
        }

        db.Entry(tracked).OriginalValues.SetValues(stored);
        db.Entry(tracked).CurrentValues.SetValues(stored);
        db.Entry(tracked).State = EntityState.Unchanged;
        return tracked;
    }
}
