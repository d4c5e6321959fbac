using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Storage.Files;

namespace ChurnOps.Platform.Monitoring.Drift;

/// <summary>
/// `churnops monitor drift` as a use case: reads both files (at once), checks they can be compared, and runs the drift
/// engine. Every expected failure (a missing file or column, a one-row reference, an empty current file) is an outcome.
/// </summary>
public sealed class DriftFileComparison(IDriftFileReader reader, IDriftDetector detector)
{
    public static DriftFileComparison CreateDefault() => new(DriftFileReaders.CreateDefault(), new DriftAnalyzer());

    public async Task<DriftOutcome> CompareAsync(DriftFileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referenceTask = reader.ReadAsync(request.ReferencePath, request.Columns, cancellationToken);
        var currentTask = reader.ReadAsync(request.CurrentPath, null, cancellationToken);
        var reference = await referenceTask.ConfigureAwait(false);
        var current = await currentTask.ConfigureAwait(false);
        if (reference.Error is not null)
        {
            return DriftOutcome.Failed("reference " + reference.Error);
        }

        if (current.Error is not null)
        {
            return DriftOutcome.Failed("current " + current.Error);
        }

        var currentNames = new HashSet<string>(current.Columns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        var missing = reference.Columns.Where(c => !currentNames.Contains(c.Name)).Select(c => $"'{c.Name}'").ToList();
        if (missing.Count > 0)
        {
            return DriftOutcome.Failed($"{request.CurrentPath} lacks {(missing.Count == 1 ? "column" : "columns")} {string.Join(", ", missing)} of the reference {request.ReferencePath}");
        }

        if (reference.Rows < 2)
        {
            return DriftOutcome.Failed($"{request.ReferencePath} has {reference.Rows} data row{(reference.Rows == 1 ? string.Empty : "s")}; a reference needs at least 2");
        }

        if (current.Rows == 0)
        {
            return DriftOutcome.Failed($"{request.CurrentPath} has no data rows: there is nothing to compare");
        }

        return detector.Detect(reference.Columns, current.Columns, request.Options, cancellationToken);
    }
}
