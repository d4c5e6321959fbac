using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Features;

internal static class TrainingSetCommand
{
    public static Command Create()
    {
        var entities = new Option<string>("--entities") { Description = "CSV or Parquet file of entity rows: the entity key, event_timestamp, and labels.", Required = true };
        var views = new Option<string>("--views") { Description = "Comma-separated feature views to join.", Required = true };
        var output = new Option<string>("--out") { Description = "Output file; .parquet or .csv decides the format.", Required = true };
        var command = new Command("training-set", "Point-in-time join of entity rows with feature views (no feature newer than its row).");
        command.Options.Add(entities);
        command.Options.Add(views);
        command.Options.Add(output);
        ProjectAction.Set(command, ProjectAccess.ReadWrite, async (parse, workspace, console, ct) =>
        {
            var entityFile = Path.GetFullPath(parse.GetValue(entities)!);
            WarehouseFileFormat? format = Path.GetExtension(entityFile).ToLowerInvariant() switch
            {
                ".csv" => WarehouseFileFormat.Csv,
                ".parquet" => WarehouseFileFormat.Parquet,
                _ => null,
            };
            if (format is null)
            {
                return CliConsole.Error($"{parse.GetValue(entities)}: the entity file must end in .csv or .parquet");
            }

            if (!File.Exists(entityFile))
            {
                return CliConsole.Error($"{parse.GetValue(entities)}: not found");
            }

            var viewNames = parse.GetValue(views)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var store = workspace.Services.GetRequiredService<FeatureStore>();

            // On PostgreSQL the file is read here and loaded into a scratch table, which disposing drops.
            await using var rows = await workspace.Services.GetRequiredService<IFileRowSource>().OpenAsync(workspace.Warehouse, entityFile, format.Value, ct).ConfigureAwait(false);
            if (rows.Error is not null)
            {
                return CliConsole.Error($"{parse.GetValue(entities)}: entity rows: {rows.Error}");
            }

            var result = await console.StepAsync("Joining features point-in-time", () => store.ExportTrainingSetAsync(rows.Sql, viewNames, parse.GetValue(output)!, ct)).ConfigureAwait(false);
            console.WriteJson(result);
            if (!result.Succeeded)
            {
                return CliConsole.Error(result.Error!);
            }

            console.Line($"Wrote {result.Rows:N0} rows to {result.Path}");
            console.Line($"training set hash: {result.TrainingSetHash}");
            foreach (var (view, version) in result.FeatureViewVersions)
            {
                console.Line($"  {view} @ {version}");
            }

            return 0;
        });
        return command;
    }
}
