namespace Samspil.Domain.Common;

/// <summary>Who did something: the user id and a display name kept as a snapshot for history.</summary>
public readonly record struct Actor(Guid UserId, string DisplayName);
