using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Contracts;

namespace ChurnOps.Cli.Commands.Contract;

internal static class DiffCommand
{
    public static Command Create()
    {
        var before = new Argument<string>("old") { Description = "The previous contract file." };
        var after = new Argument<string>("new") { Description = "The new contract file." };
        var command = new Command("diff", "Classify every change between two contract versions as breaking, warning or info.");
        command.Arguments.Add(before);
        command.Arguments.Add(after);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var old = await ContractParser.ParseFileAsync(parse.GetValue(before)!, ct).ConfigureAwait(false);
            var next = await ContractParser.ParseFileAsync(parse.GetValue(after)!, ct).ConfigureAwait(false);
            if (old.Contract is null || next.Contract is null)
            {
                return CliConsole.Error(old.Contract is null ? $"{parse.GetValue(before)}: {old.FirstError}" : $"{parse.GetValue(after)}: {next.FirstError}");
            }

            var changes = ContractDiff.Compare(old.Contract, next.Contract);
            var signOff = ContractDiff.NeedsSignOff(old.Contract, next.Contract, changes);
            console.WriteJson(new { from = old.Contract.Version, to = next.Contract.Version, breaking = ContractDiff.HasBreaking(changes), needsSignOff = signOff, changes = changes.Select(c => new { severity = c.Severity.ToString().ToLowerInvariant(), c.Path, c.Message }) });
            foreach (var change in changes.OrderByDescending(c => c.Severity))
            {
                console.Line(change.ToString());
            }

            console.Line(changes.Count == 0 ? "no changes" : $"{changes.Count(c => c.Severity == ContractChangeSeverity.Breaking)} breaking, {changes.Count(c => c.Severity == ContractChangeSeverity.Warning)} warning, {changes.Count(c => c.Severity == ContractChangeSeverity.Info)} info");
            if (signOff)
            {
                console.Line($"breaking changes without a new major version ({old.Contract.Version} → {next.Contract.Version}): publishing needs consumer sign-off");
            }

            return ContractDiff.HasBreaking(changes) ? 3 : 0;
        });
        return command;
    }
}
