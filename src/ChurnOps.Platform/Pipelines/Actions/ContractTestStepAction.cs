using ChurnOps.Core.Contracts;
using ChurnOps.Core.Pipelines;
using ChurnOps.Core.Quality;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Quality;

namespace ChurnOps.Platform.Pipelines.Actions;

/// <summary>
/// <c>run: contract.test</c>: runs a table's contract expectations in the warehouse (as <c>churnops contract test</c>);
/// a broken contract fails the step. Args: <c>table</c>, <c>schema</c> (default staging), <c>contract</c>.
/// </summary>
internal sealed class ContractTestStepAction(IWarehouse warehouse) : IPipelineStepAction
{
    public string Name => "contract.test";

    public IReadOnlyList<string> Arguments { get; } = ["table", "schema", "contract"];

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Arg("table") is not { } table)
        {
            return StepOutcome.Failure("contract.test needs args.table (e.g. customers)");
        }

        var path = context.Arg("contract") ?? Path.Combine("contracts", table + ".yaml");
        var parsed = await ContractParser.ParseFileAsync(Path.IsPathRooted(path) ? path : Path.Combine(context.ProjectRoot, path), cancellationToken).ConfigureAwait(false);
        if (parsed.Contract is not { } contract)
        {
            return StepOutcome.Failure($"contract {path}: {parsed.FirstError}");
        }

        var schema = contract.FindSchema(table) ?? (contract.Schema.Count == 1 ? contract.Schema[0] : null);
        if (schema is null)
        {
            return StepOutcome.Failure($"contract '{contract.Id}' has no table '{table}'");
        }

        var warehouseSchema = context.Arg("schema", "staging")!;
        if (!await warehouse.TableExistsAsync(warehouseSchema, schema.TableName, cancellationToken).ConfigureAwait(false))
        {
            return StepOutcome.Failure($"{warehouseSchema}.{schema.TableName} does not exist (ingest it first)");
        }

        var result = await new ExpectationRunner(warehouse).RunAsync(contract.Id, warehouseSchema, schema.TableName, ContractExpectations.For(contract, schema), cancellationToken).ConfigureAwait(false);
        foreach (var failed in result.Results.Where(r => !r.Success))
        {
            context.Log($"FAIL {failed.Expectation}");
        }

        var s = result.Statistics;
        context.Log($"{result.Table}: {s.Successful}/{s.Evaluated} expectations met");
        return result.Success
            ? StepOutcome.Success(new Dictionary<string, string> { ["evaluated"] = s.Evaluated.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            : StepOutcome.Failure($"{result.Table} breaks its contract: {s.Unsuccessful} expectation(s) failed");
    }
}
