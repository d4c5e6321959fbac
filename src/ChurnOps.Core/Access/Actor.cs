namespace ChurnOps.Core.Access;

/// <summary>
/// Who performs an action: a person or service account, the team it acts for (null when it belongs to none, e.g. the
/// local user of an embedded project) and how it was identified ("local", "token", "jwt", "basic").
/// Audit entries, approvals and authorization decisions all name an actor.
/// </summary>
public sealed record Actor(string Name, string? Team, string Authentication)
{
    /// <summary>The operating-system user of an embedded project on loopback, which needs no credentials.</summary>
    public static Actor Local(string userName) => new(userName, null, "local");
}
