using ChurnOps.Core.Access;

namespace ChurnOps.Platform.Access;

/// <summary>
/// Who runs a CLI command: the token in CHURNOPS_TOKEN when set (with its scopes), else the OS user acting for the team
/// whose `members` list names it (no scope limit). <see cref="Error"/> says why a presented token was refused.
/// </summary>
public sealed record CommandCaller(Actor? Actor, IReadOnlyList<string>? Scopes, string? Error);
