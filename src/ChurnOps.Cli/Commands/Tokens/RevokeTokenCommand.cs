using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Access;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Tokens;

/// <summary>`churnops tokens revoke ID`: the token stops working (a running server notices within access.token_cache_seconds).</summary>
internal static class RevokeTokenCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The token id (tok_…), as `churnops tokens list` shows it." };
        var command = new Command("revoke", "Revoke a token; a running server refuses it within access.token_cache_seconds.");
        command.Arguments.Add(id);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var token = parse.GetValue(id)!;
            if (await workspace.Services.GetRequiredService<AccessTokens>().RevokeAsync(token, ct).ConfigureAwait(false) is { } error)
            {
                return CliConsole.Error(error, 1);
            }

            console.WriteJson(new { id = token, status = "revoked" });
            console.Line($"revoked {token}");
            return 0;
        });
        return command;
    }
}
