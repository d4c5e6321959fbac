using System.Globalization;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Ingestion;

namespace ChurnOps.Platform.Pipelines.Actions;

/// <summary>
/// <c>run: ingest</c>: loads files into a table through its contract (the ingest use case). Args: <c>table</c>,
/// <c>files</c> (comma-separated, globs allowed, relative to the project; default <c>data/TABLE.csv</c>), <c>contract</c>.
/// Outputs <c>table</c>, <c>dataset_version</c>, row counts, and <c>unchanged</c> (the same content was loaded before).
/// </summary>
internal sealed class IngestStepAction(IngestionService ingestion) : IPipelineStepAction
{
    public string Name => "ingest";

    public IReadOnlyList<string> Arguments { get; } = ["table", "files", "contract"];

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Arg("table") is not { } table)
        {
            return StepOutcome.Failure("ingest needs args.table (e.g. customers)");
        }

        var files = (context.Arg("files") ?? $"data/{table}.csv")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => Path.IsPathRooted(f) ? f : Path.Combine(context.ProjectRoot, f))
            .ToList();
        var contract = context.Arg("contract") is { } c ? (Path.IsPathRooted(c) ? c : Path.Combine(context.ProjectRoot, c)) : null;
        var result = await ingestion.IngestAsync(new IngestRequest(table, files, contract), cancellationToken).ConfigureAwait(false);
        foreach (var warning in result.Warnings)
        {
            context.Log("warning: " + warning);
        }

        if (!result.Succeeded)
        {
            return StepOutcome.Failure($"ingest {table}: {result.Error}");
        }

        context.Log($"{table}: {result.RowsRead} rows read, {result.RowsAccepted} accepted, {result.RowsQuarantined} quarantined; dataset version {result.DatasetVersion}");
        return StepOutcome.Success(new Dictionary<string, string>
        {
            ["table"] = table,
            ["dataset_version"] = result.DatasetVersion ?? string.Empty,
            ["rows_read"] = result.RowsRead.ToString(CultureInfo.InvariantCulture),
            ["rows_accepted"] = result.RowsAccepted.ToString(CultureInfo.InvariantCulture),
            ["rows_quarantined"] = result.RowsQuarantined.ToString(CultureInfo.InvariantCulture),
            ["unchanged"] = result.Unchanged ? "true" : "false",
        });
    }
}
