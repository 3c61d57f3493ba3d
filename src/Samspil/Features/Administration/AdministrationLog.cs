using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samspil.Infrastructure.Persistence;
using Samspil.Infrastructure.Security;

namespace Samspil.Features.Administration;

/// <summary>What was done to an account. Stored as text so the log outlives renamed enum members.</summary>
public enum AdministrationAction
{
    AccountCreated = 0,
    AccountInvited = 1,
    AccountUpdated = 2,
    RolesChanged = 3,
    AccountDeactivated = 4,
    AccountReactivated = 5,
    ProfessionalUpdated = 6,
    CitizenAccessGranted = 7,
    ProxyAccessGranted = 8,
    ProxyAccessEnded = 9,
    AccountActivated = 10,
    AccountsImported = 11,

    /// <summary>An IPS fidelity review of a team was recorded (issue 19); the target is the team.</summary>
    FidelityReviewRecorded = 12,

    // Instruments (issue 19): the target is the instrument ("who-5 v1"), not an account.
    InstrumentImported = 40,
    InstrumentRetired = 41,
    InstrumentActivated = 42,
    InstrumentLanguageLoaded = 43,
}

/// <summary>
/// One change to an account, made by an administrator or a professional: who changed whose account,
/// what, and when (issue 14). Administrators read the entries of their own organisation tree. The
/// details name fields and roles, never personal data such as a CPR number.
/// </summary>
public sealed class AdministrationLogEntry
{
    private AdministrationLogEntry()
    {
        ActorName = string.Empty;
        TargetName = string.Empty;
        Details = string.Empty;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>The organisation the changed account belongs to; for citizen and proxy accounts, that of whoever changed it.</summary>
    public Guid? OrganizationId { get; private set; }

    /// <summary>For citizen and proxy accounts: the citizen they are for.</summary>
    public Guid? CitizenId { get; private set; }

    public Guid? TargetUserId { get; private set; }

    public string TargetName { get; private set; }

    public AdministrationAction Action { get; private set; }

    /// <summary>What changed, e.g. "roles: Professional → Professional, Administrator". No personal data.</summary>
    public string Details { get; private set; }

    internal static AdministrationLogEntry Create(
        DateTimeOffset at, Guid actorUserId, string actorName, AdministrationAction action, AppUser? target, string targetName, string? details) => new()
        {
            Id = Guid.CreateVersion7(at),
            At = at,
            ActorUserId = actorUserId,
            ActorName = Truncate(actorName, 200),
            OrganizationId = target?.OrganizationId,
            CitizenId = target?.CitizenId,
            TargetUserId = target?.Id,
            TargetName = Truncate(targetName, 200),
            Action = action,
            Details = Truncate(details ?? string.Empty, 2000),
        };

    internal void AttributeTo(Guid? organizationId) => OrganizationId ??= organizationId;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

internal sealed class AdministrationLogEntryConfiguration : IEntityTypeConfiguration<AdministrationLogEntry>
{
    public void Configure(EntityTypeBuilder<AdministrationLogEntry> builder)
    {
        builder.ToTable("AdministrationLog");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.TargetName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Details).HasMaxLength(2000).IsRequired();
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(e => new { e.OrganizationId, e.At });
        builder.HasIndex(e => e.TargetUserId);
    }
}

/// <summary>
/// Writes administration-log entries into the caller's unit of work: the entry is saved with the
/// change it describes, or not at all.
/// </summary>
public sealed class AdministrationLog(SamspilDbContext db, TimeProvider time)
{
    /// <summary>Adds an entry for a change to <paramref name="target"/> by <paramref name="actor"/>; the caller saves.</summary>
    public AdministrationLogEntry Record(CurrentUser actor, AdministrationAction action, AppUser target, string? details = null)
    {
        var entry = Record(actor.UserId, actor.DisplayName, action, target, details);

        // A citizen's or proxy's account belongs to no organisation: the entry goes to the organisation of whoever gave the access.
        entry.AttributeTo(actor.OrganizationId);
        return entry;
    }

    /// <summary>A change to something other than an account (an instrument): the target is named; the entry goes to the actor's organisation.</summary>
    public AdministrationLogEntry RecordChange(CurrentUser actor, AdministrationAction action, string targetName, string? details = null) =>
        RecordForOrganization(actor, action, actor.OrganizationId, targetName, details);

    /// <summary>For changes made outside a request (the create-admin command): the actor is named by the caller.</summary>
    public AdministrationLogEntry Record(Guid actorUserId, string actorName, AdministrationAction action, AppUser target, string? details = null)
    {
        var entry = AdministrationLogEntry.Create(time.GetUtcNow(), actorUserId, actorName, action, target, target.DisplayName, details);
        db.AdministrationLog.Add(entry);
        return entry;
    }

    /// <summary>
    /// Adds an entry for a change to an organisation's own data (an IPS fidelity review, issue 19) rather than to an
    /// account: the entry belongs to that organisation and names it as the target; the caller saves.
    /// </summary>
    public AdministrationLogEntry RecordForOrganization(CurrentUser actor, AdministrationAction action, Guid? organizationId, string organizationName, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var entry = AdministrationLogEntry.Create(time.GetUtcNow(), actor.UserId, actor.DisplayName, action, null, organizationName, details);
        entry.AttributeTo(organizationId);
        db.AdministrationLog.Add(entry);
        return entry;
    }

    /// <summary>The newest entries about accounts of the given organisations (an administrator's tree), newest first.</summary>
    public async Task<IReadOnlyList<AdministrationLogEntry>> ForOrganizationsAsync(IReadOnlyCollection<Guid> organizationIds, int skip, int take, CancellationToken ct) =>
        await db.AdministrationLog.AsNoTracking()
            .Where(e => e.OrganizationId != null && organizationIds.Contains(e.OrganizationId.Value))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(skip).Take(take)
            .ToListAsync(ct);
}
