namespace ChurnOps.Platform.Registry.Cards;

/// <summary>One recorded sign-off or rejection of the version.</summary>
public sealed record ModelCardApproval(string Decision, string Team, string Actor, DateTimeOffset At, string? Note);
