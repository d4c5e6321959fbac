using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Training;
using ChurnOps.Training.Candidates;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Train;

/// <summary>`churnops train`: trains the candidates on a warehouse table; exits 2 when no candidate passes the gates.</summary>
internal static class TrainCommand
{
    public const int GatesFailedExitCode = 2;

    public static Command Create()
    {
        var table = new Option<string?>("--table") { Description = "The training table, schema.table (default: model.table in churnops.yaml)." };
        var label = new Option<string?>("--label") { Description = "The label column: 0/1, true/false or yes/no (default: model.label)." };
        var id = new Option<string[]>("--id") { Description = "Id columns to leave out of the features (default: model.entity).", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string?>("--exclude") { Description = "More columns to leave out, comma-separated (default: model.exclude)." };
        var trainers = new Option<string?>("--trainers") { Description = "Candidates, comma-separated: lightgbm,fasttree,fastforest,logreg,sdca (default: model.trainers)." };
        var seed = new Option<int?>("--seed") { Description = "Seed for the split, folds, search and trainers (default: model.seed)." };
        var testFraction = new Option<double?>("--test-fraction") { Description = "Share of rows held out for the test report (default: model.test_fraction)." };
        var trials = new Option<int>("--search-trials") { Description = "Hyper-parameter settings tried per candidate.", DefaultValueFactory = _ => 4 };
        var folds = new Option<int>("--cv-folds") { Description = "Stratified cross-validation folds on the train split.", DefaultValueFactory = _ => 3 };
        var precision = new Option<double?>("--target-precision") { Description = "Choose the threshold with the most recall at this precision (default: max F1)." };
        var command = new Command("train", "Train candidate models on a warehouse table, check the gates and store the winner.");
        foreach (var option in new Option[] { table, label, id, exclude, trainers, seed, testFraction, trials, folds, precision })
        {
            command.Options.Add(option);
        }

        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            var model = workspace.Config.Model;
            var (gates, gateError) = await GateSettings.ReadAsync(workspace.Registry, workspace.Config, model.Name, ct).ConfigureAwait(false);
            if (gates is null)
            {
                return CliConsole.Error(gateError!);
            }

            // The configured entity and exclusions describe the configured table; another table only gets what is given.
            var trainingTable = parse.GetValue(table) ?? model.Table;
            var configured = string.Equals(trainingTable, model.Table, StringComparison.OrdinalIgnoreCase);
            var ids = parse.GetValue(id) is { Length: > 0 } given ? given.SelectMany(Split).ToList() : configured ? [model.Entity] : [];
            var others = parse.GetValue(exclude) is { } list ? Split(list) : configured ? model.Exclude : [];
            var excluded = ids.Concat(others).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var job = new TrainingJob(
                trainingTable,
                parse.GetValue(label) ?? model.Label,
                excluded,
                parse.GetValue(trainers) is { } names ? Split(names) : model.Trainers,
                parse.GetValue(seed) ?? model.Seed,
                parse.GetValue(testFraction) ?? model.TestFraction,
                gates)
            {
                SearchTrials = parse.GetValue(trials),
                CrossValidationFolds = parse.GetValue(folds),
                Threshold = parse.GetValue(precision) is { } target ? ThresholdPolicy.PrecisionAtLeast(target) : ThresholdPolicy.MaxF1,
            };

            var result = await workspace.Services.GetRequiredService<TrainFromTable>().RunAsync(job, new LineProgress(console), ct).ConfigureAwait(false);
            if (result.Outcome is not { Candidates.Count: > 0 } outcome)
            {
                return CliConsole.Error(result.Error ?? "training failed");
            }

            TrainReport.Print(console, job, result);
            return outcome.Succeeded ? 0 : CliConsole.Error(outcome.Error!, GatesFailedExitCode);
        });
        return command;
    }

    private static List<string> Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Progress lines arrive from worker threads; they are printed whole, one at a time.</summary>
    private sealed class LineProgress(CliConsole console) : IProgress<string>
    {
        private readonly Lock _gate = new();

        public void Report(string value)
        {
            lock (_gate)
            {
                console.Line("  " + value);
            }
        }
    }

    internal static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
