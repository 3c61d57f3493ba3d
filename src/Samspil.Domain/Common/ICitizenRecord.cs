namespace Samspil.Domain.Common;

/// <summary>
/// Marks an entity that is personal data about a citizen. Saving a change to one without an
/// access-log entry in the same transaction is refused (see the web layer's audit interceptor).
/// </summary>
public interface ICitizenRecord;
