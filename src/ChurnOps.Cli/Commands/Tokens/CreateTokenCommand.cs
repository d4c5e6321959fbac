using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Access;
using ChurnOps.Platform.Monitoring.Live;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Tokens;

/// <summary>`churnops tokens create --team T [--scope S] [--expires 90d] [--name N]`: issues a token and shows its secret once.</summary>
internal static class CreateTokenCommand
{
    public static Command Create()
    {
        var team = new Option<string>("--team") { Description = "The team the token acts for (one of teams[].name).", Required = true };
        var scope = new Option<string[]>("--scope") { Description = "read (default), write (all the team's activities) or activities (train, deploy…); repeat or comma-separate.", AllowMultipleArgumentsPerToken = true };
        var expires = new Option<string>("--expires") { Description = "When it stops working: a duration (30d, 12h, 2w) or a UTC date (2027-01-31).", DefaultValueFactory = _ => "90d" };
        var name = new Option<string?>("--name") { Description = "Who or what uses it (recorded as the actor; default: the token id)." };
        var command = new Command("create", "Issue an API token for a team; the secret is printed once and only its SHA-256 is stored.");
        command.Options.Add(team);
        command.Options.Add(scope);
        command.Options.Add(expires);
        command.Options.Add(name);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (scopes, scopeError) = TokenScopes.Parse(parse.GetValue(scope) ?? []);
            if (scopes is null)
            {
                return CliConsole.Error(scopeError!, 2);
            }

            var (lifetime, expiresError) = Lifetime(parse.GetValue(expires)!, workspace.Time.GetUtcNow());
            if (lifetime is null)
            {
                return CliConsole.Error(expiresError!, 2);
            }

            var tokens = workspace.Services.GetRequiredService<AccessTokens>();
            var (issued, error) = await tokens.CreateAsync(parse.GetValue(team)!, parse.GetValue(name), scopes, lifetime.Value, Environment.UserName, ct).ConfigureAwait(false);
            if (issued is null)
            {
                return CliConsole.Error(error!, 2);
            }

            var token = issued.Token;
            console.WriteJson(new { id = token.Id, name = token.Name, team = token.Team, scopes = token.Scopes, expires_at = token.ExpiresAt, secret = issued.Secret });
            console.Line($"token {token.Id} ({token.Name}) for '{token.Team}', scopes {string.Join(",", token.Scopes)}, expires {TokenFormat.Time(token.ExpiresAt)}");
            console.Line(issued.Secret);
            console.Line($"store it now: it is not shown again (send it as 'Authorization: Bearer …', as MLFLOW_TRACKING_PASSWORD, or set {AccessGate.TokenVariable} for the CLI)");
            return 0;
        });
        return command;
    }

    private static (TimeSpan? Lifetime, string? Error) Lifetime(string text, DateTimeOffset now)
    {
        if (DateTimeOffset.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at > now ? (at - now, null) : (null, $"--expires: {text.Trim()} is not in the future");
        }

        return MonitoringWindow.Parse(text, "--expires");
    }
}
