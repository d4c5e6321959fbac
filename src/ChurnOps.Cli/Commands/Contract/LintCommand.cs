using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Contracts;

namespace ChurnOps.Cli.Commands.Contract;

internal static class LintCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The contract YAML file." };
        var command = new Command("lint", "Check a contract and print every problem at once, each with its YAML path and line.");
        command.Arguments.Add(file);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var path = parse.GetValue(file)!;
            var result = await ContractParser.ParseFileAsync(path, ct).ConfigureAwait(false);
            console.WriteJson(new { file = path, valid = result.Succeeded, issues = result.Issues.Select(i => new { severity = i.Severity.ToString().ToLowerInvariant(), i.Path, i.Line, i.Message }) });
            foreach (var issue in result.Issues)
            {
                console.Line($"{path}:{issue.Line}: {issue.Severity.ToString().ToLowerInvariant()}: {issue.Path}: {issue.Message}");
            }

            var errors = result.Errors.Count();
            if (errors > 0)
            {
                return CliConsole.Error($"{path}: {errors} error(s) in the contract");
            }

            console.Line($"{path}: valid {result.Contract!.Standard} contract '{result.Contract.Id}' {result.Contract.Version}");
            return 0;
        });
        return command;
    }
}
