namespace ChurnOps.Core.Ownership;

/// <summary>
/// A recorded sign-off on a hand-off: what was decided ("approved", "rejected", "published", "deployed"), by whom, for
/// which team, when (null when the store keeps no time) and the note.
/// </summary>
public sealed record HandoffSignOff(string Decision, string By, string? Team, DateTimeOffset? At, string? Note);
