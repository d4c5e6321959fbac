using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Quality;
using ChurnOps.Platform.Quality;

namespace ChurnOps.Cli.Commands.Contract;

internal static class TestCommand
{
    public static Command Create()
    {
        var table = new Argument<string>("table") { Description = "The table whose contract (contracts/TABLE.yaml) is run against staging.TABLE." };
        var contractOption = new Option<string?>("--contract") { Description = "The contract file (default: contracts/TABLE.yaml)." };
        var schemaOption = new Option<string>("--schema") { Description = "The warehouse schema to test.", DefaultValueFactory = _ => "staging" };
        var command = new Command("test", "Run the contract's expectations against the warehouse table (GE-style results).");
        command.Arguments.Add(table);
        command.Options.Add(contractOption);
        command.Options.Add(schemaOption);
        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            var name = parse.GetValue(table)!;

            var (contract, error) = await ContractFiles.LoadAsync(parse.GetValue(contractOption) ?? name, workspace.Layout.Root, ct).ConfigureAwait(false);
            if (contract is null)
            {
                return CliConsole.Error(error!);
            }

            var schema = contract.FindSchema(name) ?? (contract.Schema.Count == 1 ? contract.Schema[0] : null);
            if (schema is null)
            {
                return CliConsole.Error($"contract '{contract.Id}' has no table '{name}'");
            }

            var warehouseSchema = parse.GetValue(schemaOption)!;
            if (!await workspace.Warehouse.TableExistsAsync(warehouseSchema, schema.TableName, ct).ConfigureAwait(false))
            {
                return CliConsole.Error($"{warehouseSchema}.{schema.TableName} does not exist (run 'churnops ingest {schema.TableName} FILE' first)");
            }

            var result = await new ExpectationRunner(workspace.Warehouse).RunAsync(contract.Id, warehouseSchema, schema.TableName, ContractExpectations.For(contract, schema), ct).ConfigureAwait(false);
            console.WriteJson(result);
            console.Table(["", "expectation", "unexpected", "observed / sample"], result.Results.Select(r => (IReadOnlyList<string>)
            [
                r.Success ? "ok" : "FAIL",
                r.Expectation.ToString(),
                r.UnexpectedCount is null ? string.Empty : $"{r.UnexpectedCount} ({r.UnexpectedPercent?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"} %)",
                r.ExceptionMessage ?? (r.PartialUnexpectedList is { Count: > 0 } list ? string.Join(", ", list.Take(5)) : Convert.ToString(r.ObservedValue, CultureInfo.InvariantCulture) ?? string.Empty),
            ]));
            var s = result.Statistics;
            console.Line($"{result.Table}: {s.Successful}/{s.Evaluated} expectations met ({s.SuccessPercent?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-"} %)");
            return result.Success ? 0 : CliConsole.Error($"{result.Table} breaks its contract: {s.Unsuccessful} expectation(s) failed", 2);
        });
        return command;
    }
}
