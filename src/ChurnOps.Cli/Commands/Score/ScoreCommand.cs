using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving.Files;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Score;

/// <summary>`churnops score`: batch-score a CSV or Parquet file with a registered model into another file.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "NAME (serving.alias from churnops.yaml), NAME@ALIAS, NAME:VERSION, models:/NAME/VERSION or models:/NAME@ALIAS.", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "Rows to score: .csv (header line) or .parquet. Columns the model does not use are ignored.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Where to write id, probability, label, model_version: .csv or .parquet (written whole or not at all).", Required = true };
        var id = new Option<string?>("--id") { Description = "Column copied to the output as the row id (default: model.entity from churnops.yaml when the file has it)." };
        var log = new Option<bool>("--log") { Description = "Also append every prediction to monitoring.predictions." };
        var shardOption = new Option<string?>("--shard") { Description = "INDEX/COUNT: score only this process's contiguous share of the input rows into OUTPUT.part-INDEX-of-COUNT.EXT; parts 0..COUNT-1 concatenated in order equal one whole run." };
        var command = new Command("score", "Score a CSV or Parquet file with a registered model (parallel, compiled trees).");
        command.Options.Add(model);
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(id);
        command.Options.Add(log);
        command.Options.Add(shardOption);
        // Without --log nothing is written to the project: metadata and a warehouse opened only if read, so the
        // DuckDB engine is never loaded and scoring runs beside a command that holds the warehouse.
        ProjectAction.Set(command, parse => parse.GetValue(log) ? ProjectAccess.ReadWrite : ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (reference, referenceError) = ModelReference.Parse(parse.GetValue(model)!, workspace.Config.Serving.Alias);
            if (reference is null)
            {
                return CliConsole.Error(referenceError!, 2);
            }

            RowShard? shard = null;
            if (parse.GetValue(shardOption) is { } shardText)
            {
                (shard, var shardError) = RowShard.Parse(shardText);
                if (shard is null)
                {
                    return CliConsole.Error(shardError!, 2);
                }
            }

            var outputPath = shard is null ? parse.GetValue(output)! : shard.PartPath(parse.GetValue(output)!);
            var request = new FileScoreRequest(reference, parse.GetValue(input)!, outputPath, parse.GetValue(id), parse.GetValue(log), shard);
            var result = await console.StepAsync($"Scoring {request.InputPath} with {reference}", () => workspace.Services.GetRequiredService<FileScorer>().ScoreAsync(request, ct)).ConfigureAwait(false);
            console.WriteJson(result);
            if (!result.Succeeded)
            {
                return CliConsole.Error(result.Error!);
            }

            var rate = result.Seconds > 0 ? result.Rows / result.Seconds : 0;
            console.Line(string.Create(CultureInfo.InvariantCulture, $"Scored {result.Rows:N0} rows with {result.ModelName} v{result.ModelVersion} in {result.Seconds:F2} s ({rate:N0} rows/s) -> {result.OutputPath}"));
            console.Line(string.Create(CultureInfo.InvariantCulture, $"predicted positive: {result.PredictedPositive:N0}; mean probability {result.MeanProbability:F4}; id column: {result.IdColumn ?? "(none: rows follow input order)"}"));
            if (parse.GetValue(log))
            {
                console.Line($"logged {result.LoggedRows:N0} predictions to monitoring.predictions");
            }

            return 0;
        });
        return command;
    }
}
