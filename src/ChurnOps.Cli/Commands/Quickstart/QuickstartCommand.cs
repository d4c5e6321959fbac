using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Quickstart;
using Spectre.Console;

namespace ChurnOps.Cli.Commands.Quickstart;

internal static class QuickstartCommand
{
    public static Command Create()
    {
        var dir = new Option<string>("--dir", "-C") { Description = "Project directory (created if missing; re-running adds new versions).", DefaultValueFactory = _ => "churn-demo" };
        var rows = new Option<int>("--rows") { Description = "Customers to generate.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Seed for data generation, splits and trainers.", DefaultValueFactory = _ => 42 };
        var command = new Command("quickstart", "Run the whole churn lifecycle on embedded stores: generate, ingest, validate, features, train, register, score.");
        command.Options.Add(dir);
        command.Options.Add(rows);
        command.Options.Add(seed);
        command.SetAction(async (parse, ct) =>
        {
            var console = new CliConsole(parse.GetValue(GlobalOptions.Json));
            var options = new QuickstartOptions(
                parse.GetValue(dir)!,
                parse.GetValue(rows),
                parse.GetValue(seed),
                new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero),
                Environment.UserName);
            var runner = new QuickstartRunner(TimeProvider.System);
            (QuickstartSummary? Summary, string? Error) result;
            try
            {
                result = console.Interactive
                    ? await RunWithProgressBarsAsync(runner, options, ct).ConfigureAwait(false)
                    : await runner.RunAsync(options, new Progress<string>(stage => console.Line($"[{TimeProvider.System.GetUtcNow():HH:mm:ss}] {stage}")), ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                return CliConsole.Error(ex.Message);
            }
            catch (ChurnOps.Core.Warehouse.WarehouseInUseException ex)
            {
                return CliConsole.Error(ex.Message, ProjectAction.WarehouseInUseExitCode);
            }
            catch (ChurnOps.Core.Stores.StoreUnavailableException ex)
            {
                return CliConsole.Error(ex.Message, ProjectAction.StoreUnavailableExitCode);
            }

            if (result.Summary is null)
            {
                return CliConsole.Error(result.Error!);
            }

            Print(console, result.Summary);
            console.WriteJson(result.Summary);
            return 0;
        });
        return command;
    }

    private static async Task<(QuickstartSummary?, string?)> RunWithProgressBarsAsync(QuickstartRunner runner, QuickstartOptions options, CancellationToken ct)
    {
        (QuickstartSummary?, string?) result = default;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = QuickstartRunner.Stages.ToDictionary(s => s, s => context.AddTask(s, autoStart: false, maxValue: 1));
                ProgressTask? current = null;
                var progress = new SynchronousProgress(stage =>
                {
                    if (!tasks.TryGetValue(stage, out var next))
                    {
                        current?.Description = $"{current.Description.Split(' ')[0]} [grey]{Markup.Escape(stage)}[/]";
                        return;
                    }

                    current?.Value = 1;
                    current?.StopTask();
                    next.StartTask();
                    current = next;
                });
                result = await runner.RunAsync(options, progress, ct).ConfigureAwait(false);
                if (result.Item1 is not null)
                {
                    current?.Value = 1;
                }

                current?.StopTask();
            }).ConfigureAwait(false);
        return result;
    }

    private static void Print(CliConsole console, QuickstartSummary s)
    {
        console.Line(string.Empty);
        console.Line($"ChurnOps quickstart finished in {s.Elapsed.TotalSeconds:F1} s — project {s.ProjectDir}");
        console.Table(
            ["table", "rows read", "accepted", "quarantined", "dataset version"],
            s.Ingested.Select(i => (IReadOnlyList<string>)[i.Table, N(i.RowsRead), N(i.RowsAccepted), N(i.RowsQuarantined), Short(i.DatasetVersion)]));
        console.Line($"features: view {s.FeatureView} (version {Short(s.FeatureViewVersion)}), {s.FeatureCount} features, training set {N(s.TrainingRows)} rows (hash {Short(s.TrainingSetHash)})");
        console.Table(
            ["candidate", "cv+valid AUC", "valid AUC", "test AUC", "accuracy", "precision", "recall", "gates", "run"],
            s.Candidates.Select(c => (IReadOnlyList<string>)[
                c.Trainer + (c.Trainer == s.ChosenTrainer ? " *" : string.Empty),
                F(c.SelectionAuc), F(c.ValidationAuc), F(c.TestAuc), F(c.TestAccuracy), F(c.TestPrecision), F(c.TestRecall),
                c.PassedGates ? "passed" : "failed: " + string.Join("; ", c.GateFailures),
                c.RunId]));
        console.Line($"chosen: {s.ChosenTrainer} → model churn version {s.ModelVersion} with alias '{s.Alias}'");
        console.Line($"scored: {N(s.RowsScored)} customers into monitoring.predictions (mean churn probability {s.MeanChurnProbability:P1})");
        console.Line($"metadata:  {s.Locations.Metadata}");
        console.Line($"warehouse: {s.Locations.Warehouse}");
        console.Line($"model:     {s.Locations.ModelArtifact}");
        console.Line($"next: churnops serve -C {s.ProjectDir}   then POST /v2/models/churn/infer");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Short(string? hash) => hash is null ? "-" : hash.Length > 12 ? hash[..12] : hash;
}
