using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Ingest;

internal static class IngestCommand
{
    /// <summary>Exit code when the load succeeded but every row was quarantined: nothing reached staging.</summary>
    public const int AllQuarantinedExitCode = 3;

    public static Command Create()
    {
        var table = new Argument<string>("table") { Description = "The contract's table (customers, events, labels…)." };
        var files = new Argument<string[]>("files") { Description = "CSV or Parquet files; globs such as data/*.csv work.", Arity = ArgumentArity.OneOrMore };
        var contract = new Option<string?>("--contract") { Description = "The contract file (default: contracts/TABLE.yaml in the project)." };
        var command = new Command("ingest", "Load files into raw.TABLE, validate against the contract, quarantine bad rows, upsert good rows into staging.TABLE.");
        command.Arguments.Add(table);
        command.Arguments.Add(files);
        command.Options.Add(contract);
        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            var request = new IngestRequest(parse.GetValue(table)!, parse.GetValue(files) ?? [], parse.GetValue(contract));
            var result = await console.StepAsync($"Ingesting {request.Table}", () => workspace.Services.GetRequiredService<IngestionService>().IngestAsync(request, ct)).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                foreach (var row in result.QuarantineSamples)
                {
                    console.Line($"  would be quarantined: {row.Location}: {row.Rules}");
                }

                return CliConsole.Error(result.Error!);
            }

            console.WriteJson(result);
            var n = (long v) => v.ToString("N0", CultureInfo.InvariantCulture);
            console.Line(result.Unchanged
                ? $"{result.Table}: unchanged (dataset version {result.DatasetVersion} already loaded)"
                : $"{result.Table}: dataset version {result.DatasetVersion}: {n(result.RowsRead)} rows read, {n(result.RowsAccepted)} accepted into staging.{result.Table}, {n(result.RowsQuarantined)} quarantined");
            foreach (var (rule, count) in result.QuarantinedByRule)
            {
                console.Line($"  quarantined {n(count)}: {rule}");
            }

            if (result.QuarantineSamples.Count > 0)
            {
                console.Line($"  first quarantined rows (all are in quarantine.{result.Table}, with _source_file and _source_line):");
                foreach (var row in result.QuarantineSamples)
                {
                    console.Line($"    {row.Location}: {row.Rules}");
                }
            }

            foreach (var warning in result.Warnings)
            {
                console.Line("  warning: " + warning);
            }

            // A load that keeps nothing is a failure for a script (`ingest && train` must stop), though the quarantine is kept.
            return result.RowsRead > 0 && result.RowsAccepted == 0
                ? CliConsole.Error($"{result.Table}: all {n(result.RowsRead)} rows were quarantined; nothing reached staging.{result.Table} (see quarantine.{result.Table})", AllQuarantinedExitCode)
                : 0;
        });
        return command;
    }
}
