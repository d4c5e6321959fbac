using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Training;
using ChurnOps.Training.Candidates;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Train;

/// <summary>
/// `churnops train`: with no options, trains on the project's point-in-time training set (model.labels joined to the
/// model's feature view), as the quickstart does; `--table` trains on any warehouse table. Exits 2 when no candidate passes the gates.
/// </summary>
internal static class TrainCommand
{
    public const int GatesFailedExitCode = 2;

    public static Command Create()
    {
        var table = new Option<string?>("--table") { Description = "Train on this warehouse table, schema.table (default: model.labels joined to the feature view as of each label time)." };
        var experiment = new Option<string?>("--experiment") { Description = "The experiment the runs go in, created if missing (default: model.name, or the table's name with --table)." };
        var label = new Option<string?>("--label") { Description = "The label column: 0/1, true/false or yes/no (default: model.label)." };
        var id = new Option<string[]>("--id") { Description = "Id columns to leave out of the features (default: model.entity).", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string?>("--exclude") { Description = "More columns to leave out, comma-separated (default: model.exclude)." };
        var trainers = new Option<string?>("--trainers") { Description = "Candidates, comma-separated: lightgbm,fasttree,fastforest,logreg,sdca (default: model.trainers)." };
        var seed = new Option<int?>("--seed") { Description = "Seed for the split, folds, search and trainers (default: model.seed)." };
        var testTable = new Option<string?>("--test-table") { Description = "Hold out this warehouse table (schema.table, same columns) as the test split, instead of cutting one off the rows." };
        var positive = new Option<string?>("--positive") { Description = "The label value that means churn (e.g. Yes, Exited); every other value is the negative class (default: 0/1, true/false, yes/no)." };
        var testFraction = new Option<double?>("--test-fraction") { Description = "Share of rows held out for the test report (default: model.test_fraction)." };
        var trials = new Option<int>("--search-trials") { Description = "Hyper-parameter settings tried per candidate.", DefaultValueFactory = _ => 4 };
        var folds = new Option<int>("--cv-folds") { Description = "Stratified cross-validation folds on the train split.", DefaultValueFactory = _ => 3 };
        var modelName = new Option<string?>("--model") { Description = "Register the winner as a new version of this model, pending approval (default: model.name)." };
        var precision = new Option<double?>("--target-precision") { Description = "Choose the threshold with the most recall at this precision (default: max F1)." };
        var command = new Command("train", "Train candidate models on the project's training set or a warehouse table, check the gates and store the winner.");
        foreach (var option in new Option[] { table, testTable, experiment, label, positive, id, exclude, trainers, seed, testFraction, trials, folds, precision, modelName })
        {
            command.Options.Add(option);
        }

        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            var model = workspace.Config.Model;

            // The configured entity and exclusions describe the project's training set; another table only gets what is given.
            var trainingTable = parse.GetValue(table);
            var ids = parse.GetValue(id) is { Length: > 0 } given ? given.SelectMany(Split).ToList() : trainingTable is null ? [model.Entity] : [];
            var others = parse.GetValue(exclude) is { } list ? Split(list) : trainingTable is null ? model.Exclude : [];
            var job = new ModelTrainingJob(
                trainingTable,
                parse.GetValue(modelName) ?? model.Name,
                parse.GetValue(label) ?? model.Label,
                parse.GetValue(experiment) ?? trainingTable ?? model.Name,
                parse.GetValue(seed) ?? model.Seed,
                await CommandActor.NameAsync(workspace, ct).ConfigureAwait(false))
            {
                Exclude = ids.Concat(others).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                Trainers = parse.GetValue(trainers) is { } names ? Split(names) : model.Trainers,
                TestFraction = parse.GetValue(testFraction) ?? model.TestFraction,
                TestTable = parse.GetValue(testTable),
                PositiveLabel = parse.GetValue(positive),
                SearchTrials = parse.GetValue(trials),
                CrossValidationFolds = parse.GetValue(folds),
                Threshold = parse.GetValue(precision) is { } target ? ThresholdPolicy.PrecisionAtLeast(target) : ThresholdPolicy.MaxF1,

                // The winner becomes a new version pending approval; `churnops models approve` signs it off.
                Register = true,
            };

            var result = await workspace.Services.GetRequiredService<TrainingUseCase>().TrainAsync(job, new LineProgress(console), ct).ConfigureAwait(false);
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
