namespace Samspil.Domain.Common;

/// <summary>
/// "Now", both as a UTC instant (for storage) and as the local calendar date in Denmark
/// (for day-based rules such as membership periods). The web layer builds it from a TimeProvider.
/// </summary>
public readonly record struct Moment(DateTimeOffset Utc, DateOnly Today);
