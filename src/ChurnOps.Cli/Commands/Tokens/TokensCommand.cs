using System.CommandLine;

namespace ChurnOps.Cli.Commands.Tokens;

internal static class TokensCommand
{
    public static Command Create()
    {
        var command = new Command("tokens", "API tokens for the server (bearer, or the basic-auth password MLflow clients send): hashed, scoped, expiring.");
        command.Subcommands.Add(CreateTokenCommand.Create());
        command.Subcommands.Add(ListTokensCommand.Create());
        command.Subcommands.Add(RevokeTokenCommand.Create());
        return command;
    }
}
