using Microsoft.EntityFrameworkCore;
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
    /// Saves pending changes and log entries atomically, with the chain head locked. The pending
    /// entries are dropped either way: when the save fails, nothing they describe happened.
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

    private async Task CommitPendingAsync(CancellationToken cancellationToken)
    {
        var postgres = db is PostgresSamspilDbContext;
        if (postgres && _pending.Count > 0 && db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges())
        {
            // A read changes nothing else: append its entries in one round trip.
            await AppendInOneRoundTripAsync(cancellationToken);
            return;
        }

        if (!postgres)
        {
            // SQLite has one writer per file anyway; the writer's turn keeps two requests in one process from racing for the head.
            await db.EnterSqliteWriterAsync(cancellationToken);
        }

        try
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            if (_pending.Count > 0)
            {
                var head = await LockHeadAsync(postgres, cancellationToken);
                foreach (var draft in _pending)
                {
                    var entry = AccessLogEntry.Append(draft, head.Sequence + 1, head.Hash);
                    db.AccessLog.Add(entry);
                    head.Sequence = entry.Sequence;
                    head.Hash = entry.Hash;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (!postgres)
            {
                db.ExitSqliteWriter();
            }
        }
    }

    /// <summary>
    /// PostgreSQL, nothing but log entries to save: one batch of calls to the append function, which
    /// locks the head, hashes and inserts server-side. A batch outside a transaction runs in one
    /// implicit transaction, so the entries land together or not at all.
    /// </summary>
    private async Task AppendInOneRoundTripAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            foreach (var draft in _pending)
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
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlParameter Parameter(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    /// <summary>
    /// Reads the chain head inside the transaction and returns the tracked row to advance. On
    /// PostgreSQL the read takes a row lock (FOR UPDATE), so concurrent appenders — also from other
    /// instances — queue on it and each sees the head the previous one committed; one round trip.
    /// </summary>
    private async Task<AccessLogHead> LockHeadAsync(bool postgres, CancellationToken cancellationToken)
    {
        var current = await (postgres
                ? db.AccessLogHead.FromSql($"SELECT * FROM \"AccessLogHead\" WHERE \"Id\" = {AccessLogHead.SingletonId} FOR UPDATE")
                : db.AccessLogHead.Where(h => h.Id == AccessLogHead.SingletonId))
            .AsNoTracking()
            .SingleAsync(cancellationToken);

        // A copy tracked from an earlier commit in this request may be stale: take the locked values.
        var tracked = db.AccessLogHead.Local.SingleOrDefault();
        if (tracked is null)
        {
            db.AccessLogHead.Attach(current);
            return current;
        }

        db.Entry(tracked).OriginalValues.SetValues(current);
        db.Entry(tracked).CurrentValues.SetValues(current);
        db.Entry(tracked).State = EntityState.Unchanged;
        return tracked;
    }
}
