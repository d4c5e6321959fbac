using ChurnOps.Core.Access;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Access;

/// <summary>
/// Whether the project enforces access control, and the CLI's check of its caller. Control is on once any token was
/// issued, JWT is configured, or access.required is set; before that every local user may do everything (zero config).
/// </summary>
public sealed class AccessGate(AccessPolicy policy, AccessTokens tokens, ProjectConfig config)
{
    /// <summary>The environment variable a CLI user sets to act with a token instead of as the OS user.</summary>
    public const string TokenVariable = "CHURNOPS_TOKEN";

    public AccessPolicy Policy => policy;

    /// <summary>Configured in churnops.yaml alone (no store hit).</summary>
    public bool ConfiguredInSettings => config.Access.Required || config.Access.Jwt is not null;

    public async ValueTask<bool> IsOnAsync(CancellationToken ct) => ConfiguredInSettings || await tokens.AnyAsync(ct).ConfigureAwait(false);

    public async Task<CommandCaller> CallerAsync(string userName, string? token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (!string.IsNullOrWhiteSpace(token))
        {
            var check = await tokens.AuthenticateAsync(token.Trim(), ct).ConfigureAwait(false);
            return check.Actor is { } actor
                ? new CommandCaller(actor, check.Token!.Scopes, null)
                : new CommandCaller(null, null, $"{TokenVariable}: {check.Refusal}");
        }

        return new CommandCaller(new Actor(userName, policy.TeamOf(userName), "local"), null, null);
    }

    /// <summary>Null when the caller may perform <paramref name="activity"/> (always, while access control is off); else the one-line refusal.</summary>
    public async Task<string?> CheckCommandAsync(string activity, string userName, string? token, CancellationToken ct)
    {
        var caller = await CallerAsync(userName, token, ct).ConfigureAwait(false);
        if (caller.Error is not null)
        {
            return caller.Error;
        }

        if (!await IsOnAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var denial = policy.Denial(caller.Actor!, activity, caller.Scopes);
        return denial is null || caller.Actor!.Team is not null || caller.Actor.Authentication != "local"
            ? denial
            : $"{denial} (add '{userName}' to a team's members in churnops.yaml, or set {TokenVariable})";
    }
}
