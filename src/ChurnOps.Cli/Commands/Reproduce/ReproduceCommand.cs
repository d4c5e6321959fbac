using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using ChurnOps.Platform.Registry.Reproduce;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Reproduce;

/// <summary>
/// `churnops reproduce models:/NAME/VERSION|models:/NAME@ALIAS`: re-runs the version's training from its recorded lineage
/// and compares the new model's scores on the recorded test set bit for bit. Exit 0: identical; exit 4: not, one line
/// per difference; exit 1: it could not try.
/// </summary>
internal static class ReproduceCommand
{
    /// <summary>The re-run differs from the record (each difference printed).</summary>
    public const int NotReproducedExitCode = 4;

    public static Command Create()
    {
        var uri = new Argument<string>("model") { Description = "models:/NAME/VERSION or models:/NAME@ALIAS." };
        var command = new Command("reproduce", "Re-run a registered version's training from its recorded lineage and prove the scores on its recorded test set are identical, or name what differs. Registers nothing.");
        command.Arguments.Add(uri);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (model, parseError) = ModelUri.Parse(parse.GetValue(uri)!);
            if (model is null)
            {
                return CliConsole.Error(parseError!);
            }

            var reproducer = workspace.Services.GetRequiredService<ModelReproducer>();
            var result = await console.StepAsync($"reproducing {model}", () => reproducer.ReproduceAsync(model, null, ct)).ConfigureAwait(false);
            if (result.Error is not null)
            {
                return CliConsole.Error(result.Error);
            }

            console.WriteJson(new
            {
                result.Reproduced,
                Model = result.ModelName,
                result.Version,
                result.Trainer,
                result.Seed,
                result.TestRows,
                result.DifferingScores,
                result.MaxAbsDifference,
                result.RecordedDataHash,
                result.DataHash,
                Differences = result.Differences.Select(d => new { d.Kind, d.Detail }),
            });
            if (result.Reproduced)
            {
                console.Line($"identical: {result.ModelName} version {result.Version} re-trained ({result.Trainer}, seed {result.Seed}) gives the same {result.TestRows:N0} test scores bit for bit (training set {result.DataHash})");
                return 0;
            }

            foreach (var difference in result.Differences)
            {
                console.Line(difference.ToString());
            }

            return NotReproducedExitCode;
        });
        return command;
    }
}
