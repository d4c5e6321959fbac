using System.CommandLine;
using ChurnOps.Platform.Access;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Tokens;

/// <summary>`churnops tokens list`: every token (never a secret), with its team, scopes, expiry and status.</summary>
internal static class ListTokensCommand
{
    public static Command Create()
    {
        var command = new Command("list", "The project's API tokens: id, name, team, scopes, expiry, status (active, expired, revoked).");
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var tokens = await workspace.Services.GetRequiredService<AccessTokens>().ListAsync(ct).ConfigureAwait(false);
            var now = workspace.Time.GetUtcNow();
            console.WriteJson(tokens.Select(t => new
            {
                id = t.Id,
                name = t.Name,
                team = t.Team,
                scopes = t.Scopes,
                created_at = t.CreatedAt,
                created_by = t.CreatedBy,
                expires_at = t.ExpiresAt,
                revoked_at = t.RevokedAt,
                status = TokenFormat.Status(t, now),
            }));
            console.Table(
                ["id", "name", "team", "scopes", "expires", "status"],
                tokens.Select(t => (IReadOnlyList<string>)[t.Id, t.Name, t.Team, string.Join(",", t.Scopes), TokenFormat.Time(t.ExpiresAt), TokenFormat.Status(t, now)]));
            return 0;
        });
        return command;
    }
}
